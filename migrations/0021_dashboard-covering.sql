DROP INDEX "work_orders_org_created_idx";--> statement-breakpoint
DROP INDEX "work_orders_community_created_idx";--> statement-breakpoint
CREATE INDEX "work_orders_org_created_idx" ON "work_orders" USING btree ("organization_id","created_at","community_id","state_type");--> statement-breakpoint
CREATE INDEX "work_orders_community_created_idx" ON "work_orders" USING btree ("community_id","created_at","state_type");