-- Hand-written: trigram operators for the list search's GIN indexes (a trusted extension; PGlite loads it in db/client.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "next_due_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "work_orders_community_next_due_idx" ON "work_orders" USING btree ("community_id","next_due_at");--> statement-breakpoint
CREATE INDEX "work_orders_org_next_due_idx" ON "work_orders" USING btree ("organization_id","next_due_at");--> statement-breakpoint
CREATE INDEX "work_orders_number_trgm_idx" ON "work_orders" USING gin ("number" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "work_orders_unit_label_trgm_idx" ON "work_orders" USING gin ("unit_label" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "work_orders_phone_tail_idx" ON "work_orders" USING btree (right(reporter_phone, 4));--> statement-breakpoint
-- Hand-written backfill: the earliest due instant of each order's running time limits.
UPDATE "work_orders" AS w SET "next_due_at" = t.due
FROM (SELECT subject_id, min(due_at) AS due FROM "sla_timers" WHERE subject_type = 'work_order' AND status = 'running' GROUP BY subject_id) AS t
WHERE t.subject_id = w.id;
