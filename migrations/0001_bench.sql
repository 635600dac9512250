DROP INDEX "work_orders_number_uq";--> statement-breakpoint
CREATE UNIQUE INDEX "work_orders_number_uq" ON "work_orders" USING btree ("community_id","number");