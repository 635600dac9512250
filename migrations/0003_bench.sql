DROP INDEX "work_orders_number_uq";--> statement-breakpoint
CREATE INDEX "sla_timers_running_due_idx" ON "sla_timers" USING btree ("due_at","subject_id") WHERE "sla_timers"."status" = 'running';--> statement-breakpoint
CREATE INDEX "work_orders_community_created_idx" ON "work_orders" USING btree ("community_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "work_orders_number_uq" ON "work_orders" USING btree ("community_id","number");