CREATE TABLE "helpline_callbacks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contact_id" uuid NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"check_before_calling" boolean DEFAULT false NOT NULL,
	"reason" text NOT NULL,
	"note" text,
	"created_by" uuid,
	"done_by" uuid,
	"done_at" timestamp with time zone,
	"alerted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "helpline_contacts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"ref" text NOT NULL,
	"channel" text NOT NULL,
	"status" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"language" text,
	"caller_type" text,
	"summary" text,
	"classification" text[] DEFAULT '{}'::text[] NOT NULL,
	"urgency" text DEFAULT 'routine' NOT NULL,
	"province" text,
	"district" text,
	"safe_to_call" boolean,
	"safe_from" text,
	"safe_to" text,
	"code_word" text,
	"caller_phone" text,
	"caller_phone_hash" text,
	"disposition" text,
	"legal_basis" text,
	"legal_basis_note" text,
	"assigned_to" uuid,
	"report_id" uuid,
	"call_id" text,
	"queue" text,
	"abandoned" boolean DEFAULT false NOT NULL,
	"person_id" uuid,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "helpline_handoffs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contact_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"routed_by" text NOT NULL,
	"override_reason" text,
	"urgency" text NOT NULL,
	"person_id" uuid,
	"case_id" uuid,
	"due_at" timestamp with time zone NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" uuid,
	"escalated_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "helpline_report_messages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"report_id" uuid NOT NULL,
	"author" text NOT NULL,
	"author_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "helpline_reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"reference" text NOT NULL,
	"secret_hash" text NOT NULL,
	"status" text NOT NULL,
	"content" text NOT NULL,
	"language" text NOT NULL,
	"district" text,
	"province" text,
	"agency" text,
	"contact_id" uuid,
	"answered_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "helpline_spent_challenges" (
	"id" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referral_consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"provider_unit_id" uuid NOT NULL,
	"fields" text[] NOT NULL,
	"purpose" text NOT NULL,
	"valid_until" text NOT NULL,
	"form" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_unit_id" uuid NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referral_providers" (
	"unit_id" uuid PRIMARY KEY NOT NULL,
	"services" text[] DEFAULT '{}'::text[] NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"districts" text[] DEFAULT '{}'::text[] NOT NULL,
	"hours" text,
	"capacity" integer,
	"available" integer,
	"address" text,
	"phone" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"ref" text NOT NULL,
	"person_id" uuid NOT NULL,
	"from_unit_id" uuid NOT NULL,
	"provider_unit_id" uuid NOT NULL,
	"source_module" text NOT NULL,
	"source_id" text,
	"service" text NOT NULL,
	"purpose" text NOT NULL,
	"urgency" text NOT NULL,
	"consent_id" uuid,
	"exception" text,
	"exception_justification" text,
	"fields" text[] NOT NULL,
	"shared" text NOT NULL,
	"status" text NOT NULL,
	"decline_reason" text,
	"feedback" text,
	"respond_by" timestamp with time zone NOT NULL,
	"responded_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "telephony_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"call_id" text NOT NULL,
	"event" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"contact_id" uuid,
	"details" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "helpline_callbacks" ADD CONSTRAINT "helpline_callbacks_contact_id_helpline_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."helpline_contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "helpline_contacts" ADD CONSTRAINT "helpline_contacts_assigned_to_users_id_fk" FOREIGN KEY ("assigned_to") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "helpline_contacts" ADD CONSTRAINT "helpline_contacts_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "helpline_handoffs" ADD CONSTRAINT "helpline_handoffs_contact_id_helpline_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."helpline_contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "helpline_handoffs" ADD CONSTRAINT "helpline_handoffs_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "helpline_handoffs" ADD CONSTRAINT "helpline_handoffs_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "helpline_handoffs" ADD CONSTRAINT "helpline_handoffs_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "helpline_report_messages" ADD CONSTRAINT "helpline_report_messages_report_id_helpline_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."helpline_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_consents" ADD CONSTRAINT "referral_consents_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_consents" ADD CONSTRAINT "referral_consents_provider_unit_id_units_id_fk" FOREIGN KEY ("provider_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_providers" ADD CONSTRAINT "referral_providers_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_from_unit_id_units_id_fk" FOREIGN KEY ("from_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_provider_unit_id_units_id_fk" FOREIGN KEY ("provider_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_consent_id_referral_consents_id_fk" FOREIGN KEY ("consent_id") REFERENCES "public"."referral_consents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "helpline_callbacks_due_idx" ON "helpline_callbacks" USING btree ("status","due_at");--> statement-breakpoint
CREATE INDEX "helpline_callbacks_contact_idx" ON "helpline_callbacks" USING btree ("contact_id");--> statement-breakpoint
CREATE UNIQUE INDEX "helpline_contacts_ref_uq" ON "helpline_contacts" USING btree ("ref");--> statement-breakpoint
CREATE INDEX "helpline_contacts_status_idx" ON "helpline_contacts" USING btree ("status","received_at");--> statement-breakpoint
CREATE INDEX "helpline_contacts_assigned_idx" ON "helpline_contacts" USING btree ("assigned_to");--> statement-breakpoint
CREATE INDEX "helpline_contacts_phone_idx" ON "helpline_contacts" USING btree ("caller_phone_hash");--> statement-breakpoint
CREATE INDEX "helpline_contacts_received_idx" ON "helpline_contacts" USING btree ("received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "helpline_contacts_call_uq" ON "helpline_contacts" USING btree ("call_id");--> statement-breakpoint
CREATE INDEX "helpline_handoffs_unit_idx" ON "helpline_handoffs" USING btree ("unit_id","acknowledged_at");--> statement-breakpoint
CREATE INDEX "helpline_handoffs_contact_idx" ON "helpline_handoffs" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "helpline_handoffs_due_idx" ON "helpline_handoffs" USING btree ("due_at");--> statement-breakpoint
CREATE INDEX "helpline_report_messages_report_idx" ON "helpline_report_messages" USING btree ("report_id");--> statement-breakpoint
CREATE UNIQUE INDEX "helpline_reports_reference_uq" ON "helpline_reports" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "helpline_reports_kind_idx" ON "helpline_reports" USING btree ("kind","status");--> statement-breakpoint
CREATE INDEX "referral_consents_person_idx" ON "referral_consents" USING btree ("person_id","provider_unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "referrals_ref_uq" ON "referrals" USING btree ("ref");--> statement-breakpoint
CREATE INDEX "referrals_provider_idx" ON "referrals" USING btree ("provider_unit_id","status");--> statement-breakpoint
CREATE INDEX "referrals_from_idx" ON "referrals" USING btree ("from_unit_id","status");--> statement-breakpoint
CREATE INDEX "referrals_person_idx" ON "referrals" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "telephony_events_uq" ON "telephony_events" USING btree ("call_id","event");