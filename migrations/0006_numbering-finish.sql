ALTER TABLE "work_order_counters" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP TABLE "work_order_counters" CASCADE;--> statement-breakpoint
ALTER TABLE "gate_passes" ALTER COLUMN "number" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "goods_slips" ALTER COLUMN "number" SET NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "gate_passes_number_uq" ON "gate_passes" USING btree ("community_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "goods_slips_number_uq" ON "goods_slips" USING btree ("community_id","number");