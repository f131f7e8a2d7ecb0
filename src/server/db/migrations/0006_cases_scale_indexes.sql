DROP INDEX "case_deadlines_case_idx";--> statement-breakpoint
DROP INDEX "cases_received_idx";--> statement-breakpoint
CREATE INDEX "case_charges_offence_idx" ON "case_charges" USING btree ("offence","case_id");--> statement-breakpoint
CREATE INDEX "cases_unit_received_idx" ON "cases" USING btree ("unit_id","received_on","id");--> statement-breakpoint
CREATE INDEX "cases_updated_idx" ON "cases" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "cases_fir_date_idx" ON "cases" USING btree ("fir_date");--> statement-breakpoint
CREATE INDEX "cases_challan_date_idx" ON "cases" USING btree ("challan_date");--> statement-breakpoint
CREATE INDEX "cases_ref_trgm_idx" ON "cases" USING gin ("ref" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "hearings_adjourned_idx" ON "hearings" USING btree ("case_id") WHERE "hearings"."adjourned";--> statement-breakpoint
CREATE INDEX "case_deadlines_case_idx" ON "case_deadlines" USING btree ("case_id","due");--> statement-breakpoint
CREATE INDEX "cases_received_idx" ON "cases" USING btree ("received_on","id");