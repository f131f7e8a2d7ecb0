-- Summaries for the Monitoring Cell's dashboard on a national register (a million cases):
-- refreshed by a scheduled job; the dashboard reads them only when the register is large and
-- the filters are ones they carry (ATU, stage, statute, category). Derived data, never edited.
CREATE MATERIALIZED VIEW case_summary_stage AS
  SELECT unit_id, stage, category, statute,
    CASE WHEN current_date - stage_since::date <= 30 THEN '0-30'
         WHEN current_date - stage_since::date <= 90 THEN '31-90'
         WHEN current_date - stage_since::date <= 180 THEN '91-180'
         WHEN current_date - stage_since::date <= 365 THEN '181-365'
         ELSE '>365' END AS bucket,
    count(*)::int AS n
  FROM cases GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
CREATE UNIQUE INDEX case_summary_stage_uq ON case_summary_stage (unit_id, stage, category, statute, bucket);
--> statement-breakpoint
CREATE MATERIALIZED VIEW case_summary_month AS
  SELECT unit_id, stage, category, statute, 'received' AS kind, substr(received_on, 1, 7) AS month, count(*)::int AS n
  FROM cases GROUP BY 1, 2, 3, 4, 6
  UNION ALL
  SELECT unit_id, stage, category, statute, 'fir' AS kind, substr(fir_date, 1, 7) AS month, count(*)::int AS n
  FROM cases WHERE fir_date IS NOT NULL GROUP BY 1, 2, 3, 4, 6;
--> statement-breakpoint
CREATE UNIQUE INDEX case_summary_month_uq ON case_summary_month (unit_id, stage, category, statute, kind, month);
--> statement-breakpoint
CREATE MATERIALIZED VIEW case_summary_court AS
  SELECT c.unit_id, c.stage, c.category, c.statute, h.court,
    count(*)::int AS hearings, count(*) FILTER (WHERE h.adjourned)::int AS adjourned
  FROM hearings h JOIN cases c ON c.id = h.case_id GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
CREATE UNIQUE INDEX case_summary_court_uq ON case_summary_court (unit_id, stage, category, statute, court);
--> statement-breakpoint
CREATE MATERIALIZED VIEW case_summary_judgment AS
  SELECT c.unit_id, c.stage, c.category, c.statute, j.court, j.outcome, count(*)::int AS n
  FROM judgments j JOIN cases c ON c.id = j.case_id GROUP BY 1, 2, 3, 4, 5, 6;
--> statement-breakpoint
CREATE UNIQUE INDEX case_summary_judgment_uq ON case_summary_judgment (unit_id, stage, category, statute, court, outcome);
--> statement-breakpoint
CREATE MATERIALIZED VIEW case_summary_adjourned AS
  SELECT c.id AS case_id, c.unit_id, c.stage, c.category, c.statute, c.ref, c.court, count(*)::int AS adjournments
  FROM hearings h JOIN cases c ON c.id = h.case_id WHERE h.adjourned GROUP BY c.id;
--> statement-breakpoint
CREATE UNIQUE INDEX case_summary_adjourned_uq ON case_summary_adjourned (case_id);
--> statement-breakpoint
CREATE INDEX case_summary_adjourned_top_idx ON case_summary_adjourned (adjournments DESC, ref);
--> statement-breakpoint
CREATE MATERIALIZED VIEW case_summary_overdue AS
  SELECT c.unit_id, c.stage, c.category, c.statute, d.kind, count(*)::int AS n
  FROM case_deadlines d JOIN cases c ON c.id = d.case_id
  WHERE d.due < to_char(current_date, 'YYYY-MM-DD') GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
CREATE UNIQUE INDEX case_summary_overdue_uq ON case_summary_overdue (unit_id, stage, category, statute, kind);
--> statement-breakpoint
CREATE TABLE case_summary_meta (id int PRIMARY KEY CHECK (id = 1), refreshed_at timestamptz NOT NULL);
--> statement-breakpoint
INSERT INTO case_summary_meta VALUES (1, now());
