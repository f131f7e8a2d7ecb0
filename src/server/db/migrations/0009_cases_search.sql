-- The register's full-text search as one stored, indexed column of cases: title, narrative and
-- the case's diary notes. Notes searched through their own index made `q` a UNION of three sets,
-- built in full before a page could be ordered or counted (a common word took 340-660 ms at
-- 1,000,000 cases); a predicate on one row lets the register stop after a page.
-- The old expression indexes go first, so that the backfill and the rewrite below do not keep them.
DROP INDEX "diary_search_idx";--> statement-breakpoint
DROP INDEX "cases_search_idx";--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "notes_search" "tsvector" DEFAULT '' NOT NULL;--> statement-breakpoint
-- Positions are stripped: the register matches words, not phrases, and a long diary stays small.
UPDATE "cases" c SET "notes_search" = n.words
  FROM (SELECT case_id, strip(to_tsvector('simple', string_agg(note, ' '))) AS words FROM "diary_entries" GROUP BY case_id) n
  WHERE c.id = n.case_id;--> statement-breakpoint
-- Diary notes are never edited or deleted: whatever inserts them (the app, the demo seed, an
-- import), their words are added to their case, once per statement. Not an edit of the case: its
-- version and updated_at stay as they are.
CREATE FUNCTION diary_entries_add_to_search() RETURNS trigger AS $$
BEGIN
  UPDATE cases c SET notes_search = c.notes_search || n.words
    FROM (SELECT case_id, strip(to_tsvector('simple', string_agg(note, ' '))) AS words FROM new_entries GROUP BY case_id) n
    WHERE c.id = n.case_id;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER diary_entries_search AFTER INSERT ON "diary_entries"
  REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION diary_entries_add_to_search();--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', "title" || ' ' || "narrative") || "notes_search") STORED;--> statement-breakpoint
CREATE INDEX "cases_search_idx" ON "cases" USING gin ("search");--> statement-breakpoint
-- The planner's statistics for the new column (which words are common), before the first search.
ANALYZE "cases";
