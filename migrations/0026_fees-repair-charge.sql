ALTER TABLE "fee_entries" ADD COLUMN "work_order_id" uuid;--> statement-breakpoint
ALTER TABLE "fee_items" ADD COLUMN "purpose" text;--> statement-breakpoint
CREATE UNIQUE INDEX "fee_entries_work_order_uq" ON "fee_entries" USING btree ("work_order_id") WHERE "fee_entries"."kind" = 'charge';--> statement-breakpoint
CREATE UNIQUE INDEX "fee_items_community_purpose_uq" ON "fee_items" USING btree ("community_id","purpose") WHERE "fee_items"."archived_at" is null and "fee_items"."purpose" is not null;