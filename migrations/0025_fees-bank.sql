CREATE TABLE "fee_bank_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"line_key" text NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"value_date" date NOT NULL,
	"amount_fen" bigint NOT NULL,
	"counterparty" text NOT NULL,
	"reference" text NOT NULL,
	"file_name" text NOT NULL,
	"account_id" uuid,
	"payment_id" uuid,
	"note" text,
	"imported_by" uuid NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "fee_bank_mappings" (
	"community_id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"date_column" text NOT NULL,
	"amount_column" text NOT NULL,
	"counterparty_column" text,
	"reference_columns" jsonb NOT NULL,
	"transaction_id_column" text,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "fee_bank_lines_key_uq" ON "fee_bank_lines" USING btree ("community_id","line_key");--> statement-breakpoint
CREATE INDEX "fee_bank_lines_community_idx" ON "fee_bank_lines" USING btree ("community_id","status","value_date");