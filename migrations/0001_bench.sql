DROP INDEX "work_orders_number_uq";--> statement-breakpoint
CREATE INDEX "sla_timers_running_due_idx" ON "sla_timers" USING btree ("due_at","subject_id") WHERE "sla_timers"."status" = 'running';--> statement-breakpoint
CREATE UNIQUE INDEX "work_orders_number_uq" ON "work_orders" USING btree ("community_id","number");