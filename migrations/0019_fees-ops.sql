CREATE TABLE "fee_meter_readings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"organization_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"meter_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"read_on" date NOT NULL,
	"value_milli" bigint NOT NULL,
	"previous_milli" bigint NOT NULL,
	"previous_on" date NOT NULL,
	"usage_milli" bigint NOT NULL,
	"average_milli" bigint,
	"status" text NOT NULL,
	"held_for" text,
	"source" text NOT NULL,
	"charge_entry_id" uuid,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"review_note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fee_meter_rules" (
	"community_id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"spike_factor_tenths" integer NOT NULL,
	"lookback" integer NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fee_meters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"serial_no" text NOT NULL,
	"start_milli" bigint NOT NULL,
	"installed_on" date NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"end_milli" bigint,
	"replaced_on" date,
	"replaced_by_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fee_shift_closes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"cashier_user_id" uuid NOT NULL,
	"cashier_name" text NOT NULL,
	"from_at" timestamp with time zone,
	"closed_at" timestamp with time zone NOT NULL,
	"closed_on" date NOT NULL,
	"lines" jsonb NOT NULL,
	"payment_count" integer NOT NULL,
	"void_count" integer NOT NULL,
	"expected_fen" bigint NOT NULL,
	"counted_fen" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "shift_handovers" ADD COLUMN "included" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "fee_meter_readings" ADD CONSTRAINT "fee_meter_readings_meter_id_fee_meters_id_fk" FOREIGN KEY ("meter_id") REFERENCES "public"."fee_meters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_meters" ADD CONSTRAINT "fee_meters_item_id_fee_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."fee_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "fee_meter_readings_day_uq" ON "fee_meter_readings" USING btree ("meter_id","read_on") WHERE "fee_meter_readings"."status" <> 'rejected';--> statement-breakpoint
CREATE UNIQUE INDEX "fee_meter_readings_charge_uq" ON "fee_meter_readings" USING btree ("charge_entry_id");--> statement-breakpoint
CREATE INDEX "fee_meter_readings_meter_idx" ON "fee_meter_readings" USING btree ("meter_id","seq");--> statement-breakpoint
CREATE INDEX "fee_meter_readings_community_idx" ON "fee_meter_readings" USING btree ("community_id","status","read_on");--> statement-breakpoint
CREATE UNIQUE INDEX "fee_meters_active_uq" ON "fee_meters" USING btree ("unit_id","item_id") WHERE "fee_meters"."status" = 'active';--> statement-breakpoint
CREATE INDEX "fee_meters_community_idx" ON "fee_meters" USING btree ("community_id");--> statement-breakpoint
CREATE INDEX "fee_shift_closes_cashier_idx" ON "fee_shift_closes" USING btree ("community_id","cashier_user_id","closed_at");--> statement-breakpoint
CREATE INDEX "fee_shift_closes_day_idx" ON "fee_shift_closes" USING btree ("community_id","closed_on");