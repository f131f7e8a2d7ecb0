CREATE TABLE "screening_deportees" (
	"id" uuid PRIMARY KEY NOT NULL,
	"post_id" uuid NOT NULL,
	"officer_id" uuid NOT NULL,
	"on_date" text NOT NULL,
	"traveller" text NOT NULL,
	"sex" text,
	"age_years" integer,
	"deporting_country" text NOT NULL,
	"reason" text NOT NULL,
	"travel_history" jsonb NOT NULL,
	"interview" text,
	"amount_paid_rs" integer,
	"assessment" text DEFAULT 'none' NOT NULL,
	"person_id" uuid,
	"case_id" uuid,
	"referral_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "screening_encounters" (
	"id" uuid PRIMARY KEY NOT NULL,
	"post_id" uuid NOT NULL,
	"counter_id" uuid,
	"officer_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"mode" text NOT NULL,
	"document" text NOT NULL,
	"document_valid" boolean NOT NULL,
	"flags" text[] DEFAULT '{}'::text[] NOT NULL,
	"nationality" text,
	"hit_count" integer DEFAULT 0 NOT NULL,
	"result" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "screening_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"watchlist_id" uuid NOT NULL,
	"identity" text NOT NULL,
	"expires_on" text,
	"active" boolean DEFAULT true NOT NULL,
	"source" text NOT NULL,
	"source_ref" text,
	"source_fingerprint" text,
	"case_id" uuid,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "screening_entry_identifiers" (
	"entry_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "screening_entry_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entry_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"change" text NOT NULL,
	"snapshot" text NOT NULL,
	"changed_by" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "screening_hits" (
	"id" uuid PRIMARY KEY NOT NULL,
	"encounter_id" uuid NOT NULL,
	"entry_id" uuid NOT NULL,
	"watchlist_id" uuid NOT NULL,
	"score_permille" integer NOT NULL,
	"alert" boolean NOT NULL,
	"matched_by" text NOT NULL,
	"explanation" text NOT NULL,
	"decision" text DEFAULT 'pending' NOT NULL,
	"reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "screening_manifest_hits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"manifest_id" uuid NOT NULL,
	"row" integer NOT NULL,
	"entry_id" uuid NOT NULL,
	"watchlist_id" uuid NOT NULL,
	"score_permille" integer NOT NULL,
	"matched_by" text NOT NULL,
	"detail" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "screening_manifests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"created_by" uuid NOT NULL,
	"flight" text,
	"status" text NOT NULL,
	"total" integer NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"hit_count" integer DEFAULT 0 NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "screening_offloadees" (
	"id" uuid PRIMARY KEY NOT NULL,
	"post_id" uuid NOT NULL,
	"officer_id" uuid NOT NULL,
	"encounter_id" uuid,
	"on_date" text NOT NULL,
	"traveller" text NOT NULL,
	"sex" text,
	"age_years" integer,
	"nationality" text,
	"grounds" text[] NOT NULL,
	"destination" text NOT NULL,
	"route" text,
	"purpose" text,
	"sponsor" text,
	"agency" text,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "screening_referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"atu_id" uuid NOT NULL,
	"from_unit_id" uuid NOT NULL,
	"source" text NOT NULL,
	"hit_id" uuid,
	"deportee_id" uuid,
	"case_id" uuid,
	"summary" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_by" uuid,
	"acknowledged_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "screening_watchlists" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"instruction" text NOT NULL,
	"owner_unit_id" uuid NOT NULL,
	"legal_basis" text NOT NULL,
	"expires_on" text,
	"active" boolean DEFAULT true NOT NULL,
	"automatic" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "screening_deportees" ADD CONSTRAINT "screening_deportees_post_id_units_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_deportees" ADD CONSTRAINT "screening_deportees_officer_id_users_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_deportees" ADD CONSTRAINT "screening_deportees_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_deportees" ADD CONSTRAINT "screening_deportees_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_encounters" ADD CONSTRAINT "screening_encounters_post_id_units_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_encounters" ADD CONSTRAINT "screening_encounters_counter_id_units_id_fk" FOREIGN KEY ("counter_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_encounters" ADD CONSTRAINT "screening_encounters_officer_id_users_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_entries" ADD CONSTRAINT "screening_entries_watchlist_id_screening_watchlists_id_fk" FOREIGN KEY ("watchlist_id") REFERENCES "public"."screening_watchlists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_entries" ADD CONSTRAINT "screening_entries_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_entry_identifiers" ADD CONSTRAINT "screening_entry_identifiers_entry_id_screening_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."screening_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_entry_versions" ADD CONSTRAINT "screening_entry_versions_entry_id_screening_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."screening_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_hits" ADD CONSTRAINT "screening_hits_encounter_id_screening_encounters_id_fk" FOREIGN KEY ("encounter_id") REFERENCES "public"."screening_encounters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_hits" ADD CONSTRAINT "screening_hits_entry_id_screening_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."screening_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_hits" ADD CONSTRAINT "screening_hits_watchlist_id_screening_watchlists_id_fk" FOREIGN KEY ("watchlist_id") REFERENCES "public"."screening_watchlists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_manifest_hits" ADD CONSTRAINT "screening_manifest_hits_manifest_id_screening_manifests_id_fk" FOREIGN KEY ("manifest_id") REFERENCES "public"."screening_manifests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_manifest_hits" ADD CONSTRAINT "screening_manifest_hits_entry_id_screening_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."screening_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_manifest_hits" ADD CONSTRAINT "screening_manifest_hits_watchlist_id_screening_watchlists_id_fk" FOREIGN KEY ("watchlist_id") REFERENCES "public"."screening_watchlists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_manifests" ADD CONSTRAINT "screening_manifests_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_manifests" ADD CONSTRAINT "screening_manifests_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_offloadees" ADD CONSTRAINT "screening_offloadees_post_id_units_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_offloadees" ADD CONSTRAINT "screening_offloadees_officer_id_users_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_offloadees" ADD CONSTRAINT "screening_offloadees_encounter_id_screening_encounters_id_fk" FOREIGN KEY ("encounter_id") REFERENCES "public"."screening_encounters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_referrals" ADD CONSTRAINT "screening_referrals_atu_id_units_id_fk" FOREIGN KEY ("atu_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_referrals" ADD CONSTRAINT "screening_referrals_from_unit_id_units_id_fk" FOREIGN KEY ("from_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_referrals" ADD CONSTRAINT "screening_referrals_hit_id_screening_hits_id_fk" FOREIGN KEY ("hit_id") REFERENCES "public"."screening_hits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_referrals" ADD CONSTRAINT "screening_referrals_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_watchlists" ADD CONSTRAINT "screening_watchlists_owner_unit_id_units_id_fk" FOREIGN KEY ("owner_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "screening_deportees_post_idx" ON "screening_deportees" USING btree ("post_id","on_date");--> statement-breakpoint
CREATE INDEX "screening_deportees_on_idx" ON "screening_deportees" USING btree ("on_date");--> statement-breakpoint
CREATE INDEX "screening_encounters_post_at_idx" ON "screening_encounters" USING btree ("post_id","at");--> statement-breakpoint
CREATE INDEX "screening_encounters_at_idx" ON "screening_encounters" USING btree ("at");--> statement-breakpoint
CREATE INDEX "screening_entries_list_idx" ON "screening_entries" USING btree ("watchlist_id");--> statement-breakpoint
CREATE UNIQUE INDEX "screening_entries_source_uq" ON "screening_entries" USING btree ("watchlist_id","source_ref");--> statement-breakpoint
CREATE INDEX "screening_entries_updated_idx" ON "screening_entries" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "screening_entry_identifiers_lookup_idx" ON "screening_entry_identifiers" USING btree ("kind","hash");--> statement-breakpoint
CREATE INDEX "screening_entry_identifiers_entry_idx" ON "screening_entry_identifiers" USING btree ("entry_id");--> statement-breakpoint
CREATE UNIQUE INDEX "screening_entry_versions_uq" ON "screening_entry_versions" USING btree ("entry_id","version");--> statement-breakpoint
CREATE INDEX "screening_hits_encounter_idx" ON "screening_hits" USING btree ("encounter_id");--> statement-breakpoint
CREATE INDEX "screening_hits_decision_idx" ON "screening_hits" USING btree ("decision","created_at");--> statement-breakpoint
CREATE INDEX "screening_manifest_hits_manifest_idx" ON "screening_manifest_hits" USING btree ("manifest_id","row");--> statement-breakpoint
CREATE INDEX "screening_manifests_unit_idx" ON "screening_manifests" USING btree ("unit_id","created_at");--> statement-breakpoint
CREATE INDEX "screening_offloadees_post_idx" ON "screening_offloadees" USING btree ("post_id","on_date");--> statement-breakpoint
CREATE INDEX "screening_offloadees_on_idx" ON "screening_offloadees" USING btree ("on_date");--> statement-breakpoint
CREATE INDEX "screening_referrals_atu_idx" ON "screening_referrals" USING btree ("atu_id","status");--> statement-breakpoint
CREATE INDEX "screening_referrals_hit_idx" ON "screening_referrals" USING btree ("hit_id");--> statement-breakpoint
CREATE INDEX "screening_watchlists_owner_idx" ON "screening_watchlists" USING btree ("owner_unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "screening_watchlists_automatic_uq" ON "screening_watchlists" USING btree ("kind") WHERE "screening_watchlists"."automatic";