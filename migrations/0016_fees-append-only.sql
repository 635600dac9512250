-- The fees ledger is append-only: a correction is a reversing entry, a released allocation is a
-- negative allocation row. These triggers refuse UPDATE and DELETE on both tables for every
-- client, so not even a bug or a hand-written statement can rewrite history.
CREATE OR REPLACE FUNCTION fee_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'fee ledger rows are append-only (%): post a reversing entry instead', TG_TABLE_NAME
    USING ERRCODE = 'integrity_constraint_violation';
END
$$;--> statement-breakpoint
CREATE TRIGGER fee_entries_append_only BEFORE UPDATE OR DELETE ON fee_entries FOR EACH ROW EXECUTE FUNCTION fee_ledger_append_only();--> statement-breakpoint
CREATE TRIGGER fee_allocations_append_only BEFORE UPDATE OR DELETE ON fee_allocations FOR EACH ROW EXECUTE FUNCTION fee_ledger_append_only();
