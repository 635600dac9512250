ALTER TABLE "organizations" ADD COLUMN "visitor_retention_days" integer DEFAULT 180 NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "storage_quota_bytes" bigint;--> statement-breakpoint
ALTER TABLE "residents" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "gate_passes" ADD COLUMN "personal_data_erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "goods_slips" ADD COLUMN "personal_data_erased_at" timestamp with time zone;