CREATE TABLE "case_ref_counters" (
	"unit_id" uuid NOT NULL,
	"year" text NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_ref_counters" ADD CONSTRAINT "case_ref_counters_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "case_ref_counters_uq" ON "case_ref_counters" USING btree ("unit_id","year");