CREATE TABLE "appeals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"filed_on" text NOT NULL,
	"appellant" text NOT NULL,
	"court" text NOT NULL,
	"section" text,
	"outcome" text,
	"decided_on" text,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_charges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"party_id" uuid NOT NULL,
	"offence" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_deadlines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"party_key" text,
	"due" text NOT NULL,
	"basis" text NOT NULL,
	"basis_ur" text NOT NULL,
	"alerted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "case_entities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"value" text NOT NULL,
	"label" text,
	"party_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_parties" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"role" text NOT NULL,
	"age_years" integer,
	"minor" boolean,
	"district_of_origin" text,
	"exploitation" text[],
	"means_of_control" text[],
	"recruiter_relation" text,
	"route" jsonb,
	"identified_on" text,
	"accused_roles" text[],
	"arrested_on" text,
	"remand_until" text,
	"bail_status" text,
	"proclaimed_offender" boolean DEFAULT false NOT NULL,
	"proclamation_published_on" text,
	"proclamation_period_days" integer,
	"absconding" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_shares" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"shared_by" uuid NOT NULL,
	"shared_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "case_stage_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"from_stage" text,
	"to_stage" text NOT NULL,
	"on_date" text NOT NULL,
	"note" text,
	"details" jsonb,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"title" text NOT NULL,
	"owner_id" uuid,
	"due" text,
	"done_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"ref" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"title" text NOT NULL,
	"narrative" text DEFAULT '' NOT NULL,
	"stage" text NOT NULL,
	"stage_since" text NOT NULL,
	"closure_reason" text,
	"statute" text NOT NULL,
	"category" text NOT NULL,
	"source" text NOT NULL,
	"received_on" text NOT NULL,
	"fir_number" text,
	"fir_date" text,
	"police_station" text,
	"challan_date" text,
	"court" text,
	"officer_id" uuid,
	"prosecutor_id" uuid,
	"next_hearing" text,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "custody_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"evidence_id" uuid NOT NULL,
	"action" text NOT NULL,
	"holder" text NOT NULL,
	"on_date" text NOT NULL,
	"reason" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "diary_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"on_date" text NOT NULL,
	"note" text NOT NULL,
	"officer_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"sha256" text NOT NULL,
	"filename" text NOT NULL,
	"mime_type" text NOT NULL,
	"type" text NOT NULL,
	"source" text,
	"seized_on" text,
	"description" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evidence_blobs" (
	"sha256" text PRIMARY KEY NOT NULL,
	"size" integer NOT NULL,
	"content" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hearings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"court" text NOT NULL,
	"judge" text,
	"on_date" text NOT NULL,
	"purpose" text NOT NULL,
	"outcome" text,
	"adjourned" boolean DEFAULT false NOT NULL,
	"adjournment_reason" text,
	"next_date" text,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "judgments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"charge_id" uuid NOT NULL,
	"court" text NOT NULL,
	"on_date" text NOT NULL,
	"outcome" text NOT NULL,
	"sentence_months" integer,
	"fine_rs" integer,
	"compensation_rs" integer,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"record_type" text,
	"record_id" text,
	"message" text NOT NULL,
	"message_ur" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "offences" (
	"code" text PRIMARY KEY NOT NULL,
	"statute" text NOT NULL,
	"section" text NOT NULL,
	"title" text NOT NULL,
	"title_ur" text NOT NULL,
	"category" text NOT NULL,
	"min_years" integer,
	"max_years" integer,
	"max_fine_rs" integer,
	"fine_only_allowed" boolean NOT NULL,
	"cognisable" boolean NOT NULL,
	"bailable" boolean NOT NULL,
	"compoundable" boolean NOT NULL,
	"effective_from" text NOT NULL,
	"effective_to" text,
	"investigating_agency" text,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "statutes" (
	"code" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"title_ur" text NOT NULL,
	"short_title" text NOT NULL,
	"year" integer NOT NULL,
	"effective_from" text NOT NULL,
	"repealed_on" text,
	"repealed_by" text,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_charges" ADD CONSTRAINT "case_charges_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_charges" ADD CONSTRAINT "case_charges_party_id_case_parties_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."case_parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_charges" ADD CONSTRAINT "case_charges_offence_offences_code_fk" FOREIGN KEY ("offence") REFERENCES "public"."offences"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_deadlines" ADD CONSTRAINT "case_deadlines_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_entities" ADD CONSTRAINT "case_entities_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_parties" ADD CONSTRAINT "case_parties_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_parties" ADD CONSTRAINT "case_parties_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_shares" ADD CONSTRAINT "case_shares_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_shares" ADD CONSTRAINT "case_shares_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_stage_events" ADD CONSTRAINT "case_stage_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_tasks" ADD CONSTRAINT "case_tasks_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_tasks" ADD CONSTRAINT "case_tasks_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_statute_statutes_code_fk" FOREIGN KEY ("statute") REFERENCES "public"."statutes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_officer_id_users_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_prosecutor_id_users_id_fk" FOREIGN KEY ("prosecutor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody_events" ADD CONSTRAINT "custody_events_evidence_id_evidence_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "diary_entries" ADD CONSTRAINT "diary_entries_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_sha256_evidence_blobs_sha256_fk" FOREIGN KEY ("sha256") REFERENCES "public"."evidence_blobs"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hearings" ADD CONSTRAINT "hearings_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judgments" ADD CONSTRAINT "judgments_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judgments" ADD CONSTRAINT "judgments_charge_id_case_charges_id_fk" FOREIGN KEY ("charge_id") REFERENCES "public"."case_charges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offences" ADD CONSTRAINT "offences_statute_statutes_code_fk" FOREIGN KEY ("statute") REFERENCES "public"."statutes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appeals_case_idx" ON "appeals" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_charges_case_idx" ON "case_charges" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "case_charges_uq" ON "case_charges" USING btree ("party_id","offence");--> statement-breakpoint
CREATE INDEX "case_deadlines_case_idx" ON "case_deadlines" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_deadlines_due_idx" ON "case_deadlines" USING btree ("due");--> statement-breakpoint
CREATE INDEX "case_entities_value_idx" ON "case_entities" USING btree ("kind","value");--> statement-breakpoint
CREATE INDEX "case_entities_case_idx" ON "case_entities" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_parties_case_idx" ON "case_parties" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_parties_person_idx" ON "case_parties" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "case_parties_po_idx" ON "case_parties" USING btree ("proclaimed_offender");--> statement-breakpoint
CREATE INDEX "case_shares_case_idx" ON "case_shares" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_shares_unit_idx" ON "case_shares" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "case_stage_events_case_idx" ON "case_stage_events" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_tasks_case_idx" ON "case_tasks" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_tasks_owner_idx" ON "case_tasks" USING btree ("owner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_ref_uq" ON "cases" USING btree ("ref");--> statement-breakpoint
CREATE INDEX "cases_unit_stage_idx" ON "cases" USING btree ("unit_id","stage");--> statement-breakpoint
CREATE INDEX "cases_stage_idx" ON "cases" USING btree ("stage","stage_since");--> statement-breakpoint
CREATE INDEX "cases_statute_idx" ON "cases" USING btree ("statute");--> statement-breakpoint
CREATE INDEX "cases_received_idx" ON "cases" USING btree ("received_on");--> statement-breakpoint
CREATE INDEX "cases_officer_idx" ON "cases" USING btree ("officer_id");--> statement-breakpoint
CREATE INDEX "cases_search_idx" ON "cases" USING gin (to_tsvector('simple', "title" || ' ' || "narrative"));--> statement-breakpoint
CREATE INDEX "custody_events_evidence_idx" ON "custody_events" USING btree ("evidence_id");--> statement-breakpoint
CREATE INDEX "diary_case_idx" ON "diary_entries" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "diary_search_idx" ON "diary_entries" USING gin (to_tsvector('simple', "note"));--> statement-breakpoint
CREATE INDEX "evidence_case_idx" ON "evidence" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "hearings_case_idx" ON "hearings" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "hearings_court_idx" ON "hearings" USING btree ("court");--> statement-breakpoint
CREATE INDEX "judgments_case_idx" ON "judgments" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "judgments_charge_court_uq" ON "judgments" USING btree ("charge_id","court","on_date");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","read_at");--> statement-breakpoint
CREATE INDEX "offences_statute_idx" ON "offences" USING btree ("statute");--> statement-breakpoint
CREATE INDEX "offences_category_idx" ON "offences" USING btree ("category");