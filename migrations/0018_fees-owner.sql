CREATE TABLE "fee_community_settings" (
	"community_id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"bank_name" text DEFAULT '' NOT NULL,
	"account_name" text DEFAULT '' NOT NULL,
	"account_no" text DEFAULT '' NOT NULL,
	"reference_hint" text DEFAULT '' NOT NULL,
	"pay_note" text DEFAULT '' NOT NULL,
	"reminders_enabled" boolean DEFAULT false NOT NULL,
	"reminder_after_days" integer DEFAULT 30 NOT NULL,
	"reminder_every_days" integer DEFAULT 30 NOT NULL,
	"reminder_max_per_year" integer DEFAULT 4 NOT NULL,
	"reminder_sms" boolean DEFAULT false NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fee_disclosures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"period_kind" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"version" integer NOT NULL,
	"figures" jsonb NOT NULL,
	"lines" jsonb NOT NULL,
	"spending_fen" bigint NOT NULL,
	"shared_income_fen" bigint NOT NULL,
	"shared_cost_fen" bigint NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"correction_reason" text,
	"published_on" date NOT NULL,
	"published_by" uuid NOT NULL,
	"published_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fee_reminders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"remind_on" date NOT NULL,
	"arrears_fen" bigint NOT NULL,
	"overdue_days" integer NOT NULL,
	"channels" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "fee_disclosures_version_uq" ON "fee_disclosures" USING btree ("community_id","period_kind","period_start","version");--> statement-breakpoint
CREATE INDEX "fee_disclosures_community_idx" ON "fee_disclosures" USING btree ("community_id","period_start");--> statement-breakpoint
CREATE UNIQUE INDEX "fee_reminders_account_day_uq" ON "fee_reminders" USING btree ("account_id","remind_on");--> statement-breakpoint
CREATE INDEX "fee_reminders_community_idx" ON "fee_reminders" USING btree ("community_id","remind_on");--> statement-breakpoint
-- A published disclosure version stays as published: a correction is the next version.
CREATE OR REPLACE FUNCTION fee_disclosures_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'published fee disclosures are immutable: publish a corrected version instead'
    USING ERRCODE = 'integrity_constraint_violation';
END
$$;--> statement-breakpoint
CREATE TRIGGER fee_disclosures_immutable BEFORE UPDATE OR DELETE ON fee_disclosures FOR EACH ROW EXECUTE FUNCTION fee_disclosures_immutable();
