DROP TABLE "fee_charge_claims" CASCADE;--> statement-breakpoint
ALTER TABLE "fee_accounts" ADD COLUMN "balance_fen" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Backfill: each account's running balance is the sum of its entries (written by the ledger's one writer from now on).
UPDATE "fee_accounts" AS a SET "balance_fen" = s.total
FROM (SELECT "account_id", sum("amount_fen") AS total FROM "fee_entries" GROUP BY "account_id") AS s
WHERE s."account_id" = a."id";
