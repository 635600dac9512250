CREATE TABLE "fee_late_fee_accruals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"charge_id" uuid NOT NULL,
	"entry_id" uuid NOT NULL,
	"accrued_on" date NOT NULL,
	"from_day" date NOT NULL,
	"through_day" date NOT NULL,
	"amount_fen" bigint NOT NULL,
	"total_fen" bigint NOT NULL,
	"basis" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fee_late_fee_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"organization_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"item_id" uuid,
	"effective_from" date NOT NULL,
	"mode" text NOT NULL,
	"daily_rate_per_100k" integer,
	"fixed_fen" bigint,
	"period_days" integer,
	"grace_days" integer,
	"cap_percent" integer,
	"cap_fen" bigint,
	"created_by" uuid,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "fee_late_fee_accruals_charge_day_uq" ON "fee_late_fee_accruals" USING btree ("charge_id","accrued_on");--> statement-breakpoint
CREATE UNIQUE INDEX "fee_late_fee_accruals_entry_uq" ON "fee_late_fee_accruals" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "fee_late_fee_accruals_account_idx" ON "fee_late_fee_accruals" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "fee_late_fee_rules_community_idx" ON "fee_late_fee_rules" USING btree ("community_id","effective_from");--> statement-breakpoint
-- Hand-written: late-fee rules are versions and accruals are ledger records; neither is ever changed.
CREATE OR REPLACE FUNCTION fee_late_fees_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'late-fee rules and accruals are immutable: add a new rule version or reverse the late fee'
    USING ERRCODE = 'check_violation';
END $$;--> statement-breakpoint
CREATE TRIGGER fee_late_fee_rules_immutable BEFORE UPDATE OR DELETE ON fee_late_fee_rules FOR EACH ROW EXECUTE FUNCTION fee_late_fees_immutable();--> statement-breakpoint
CREATE TRIGGER fee_late_fee_accruals_immutable BEFORE UPDATE OR DELETE ON fee_late_fee_accruals FOR EACH ROW EXECUTE FUNCTION fee_late_fees_immutable();
