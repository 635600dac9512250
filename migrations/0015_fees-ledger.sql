CREATE TABLE "fee_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"unit_id" uuid,
	"label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fee_allocations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"organization_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"credit_id" uuid NOT NULL,
	"debit_id" uuid NOT NULL,
	"amount_fen" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fee_bill_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"cycle" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"status" text NOT NULL,
	"charge_count" integer NOT NULL,
	"total_fen" bigint NOT NULL,
	"summary" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reversed_at" timestamp with time zone,
	"reversed_by" uuid
);
--> statement-breakpoint
CREATE TABLE "fee_charge_claims" (
	"account_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"billing_period_start" date NOT NULL,
	"span_from" date NOT NULL,
	"bill_run_id" uuid NOT NULL,
	CONSTRAINT "fee_charge_claims_account_id_item_id_billing_period_start_span_from_pk" PRIMARY KEY("account_id","item_id","billing_period_start","span_from")
);
--> statement-breakpoint
CREATE TABLE "fee_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"organization_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"entry_date" date NOT NULL,
	"due_on" date NOT NULL,
	"item_id" uuid,
	"period_start" date,
	"period_end" date,
	"bill_run_id" uuid,
	"payment_id" uuid,
	"reverses_id" uuid,
	"memo" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fee_item_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"effective_from" date NOT NULL,
	"pricing" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fee_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"cycle" text,
	"rounding" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "fee_payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"receipt_no" text NOT NULL,
	"entry_id" uuid NOT NULL,
	"total_fen" bigint NOT NULL,
	"lines" jsonb NOT NULL,
	"payer_name" text,
	"memo" text,
	"cashier_user_id" uuid NOT NULL,
	"cashier_name" text NOT NULL,
	"paid_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text DEFAULT 'valid' NOT NULL,
	"void_reason" text,
	"voided_at" timestamp with time zone,
	"voided_by" uuid,
	"void_entry_id" uuid,
	"replaces_payment_id" uuid,
	"print_count" integer DEFAULT 0 NOT NULL,
	"verify_code" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fee_period_closes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"through" date NOT NULL,
	"closed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "buildings" ADD COLUMN "property_type" text;--> statement-breakpoint
ALTER TABLE "fee_allocations" ADD CONSTRAINT "fee_allocations_account_id_fee_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."fee_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_allocations" ADD CONSTRAINT "fee_allocations_credit_id_fee_entries_id_fk" FOREIGN KEY ("credit_id") REFERENCES "public"."fee_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_allocations" ADD CONSTRAINT "fee_allocations_debit_id_fee_entries_id_fk" FOREIGN KEY ("debit_id") REFERENCES "public"."fee_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_entries" ADD CONSTRAINT "fee_entries_account_id_fee_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."fee_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_entries" ADD CONSTRAINT "fee_entries_item_id_fee_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."fee_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_item_versions" ADD CONSTRAINT "fee_item_versions_item_id_fee_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."fee_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_payments" ADD CONSTRAINT "fee_payments_account_id_fee_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."fee_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "fee_accounts_unit_uq" ON "fee_accounts" USING btree ("unit_id") WHERE "fee_accounts"."kind" = 'unit';--> statement-breakpoint
CREATE INDEX "fee_accounts_community_idx" ON "fee_accounts" USING btree ("community_id");--> statement-breakpoint
CREATE INDEX "fee_allocations_account_idx" ON "fee_allocations" USING btree ("account_id","seq");--> statement-breakpoint
CREATE INDEX "fee_allocations_debit_idx" ON "fee_allocations" USING btree ("debit_id");--> statement-breakpoint
CREATE INDEX "fee_allocations_credit_idx" ON "fee_allocations" USING btree ("credit_id");--> statement-breakpoint
CREATE INDEX "fee_bill_runs_community_idx" ON "fee_bill_runs" USING btree ("community_id","period_start");--> statement-breakpoint
CREATE INDEX "fee_charge_claims_run_idx" ON "fee_charge_claims" USING btree ("bill_run_id");--> statement-breakpoint
CREATE INDEX "fee_entries_account_idx" ON "fee_entries" USING btree ("account_id","seq");--> statement-breakpoint
CREATE INDEX "fee_entries_community_date_idx" ON "fee_entries" USING btree ("community_id","entry_date");--> statement-breakpoint
CREATE INDEX "fee_entries_run_idx" ON "fee_entries" USING btree ("bill_run_id");--> statement-breakpoint
CREATE UNIQUE INDEX "fee_entries_reverses_uq" ON "fee_entries" USING btree ("reverses_id");--> statement-breakpoint
CREATE UNIQUE INDEX "fee_item_versions_item_from_uq" ON "fee_item_versions" USING btree ("item_id","effective_from");--> statement-breakpoint
CREATE INDEX "fee_items_community_idx" ON "fee_items" USING btree ("community_id");--> statement-breakpoint
CREATE UNIQUE INDEX "fee_items_community_name_uq" ON "fee_items" USING btree ("community_id","name") WHERE "fee_items"."archived_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "fee_payments_receipt_uq" ON "fee_payments" USING btree ("community_id","receipt_no");--> statement-breakpoint
CREATE UNIQUE INDEX "fee_payments_verify_uq" ON "fee_payments" USING btree ("verify_code");--> statement-breakpoint
CREATE INDEX "fee_payments_account_idx" ON "fee_payments" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "fee_payments_community_paid_idx" ON "fee_payments" USING btree ("community_id","paid_at");--> statement-breakpoint
CREATE INDEX "fee_period_closes_community_idx" ON "fee_period_closes" USING btree ("community_id","through");