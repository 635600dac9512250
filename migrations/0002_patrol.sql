CREATE TABLE "patrol_checkpoints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"route_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"name" text NOT NULL,
	"tag_id" text NOT NULL,
	"location" text,
	"offset_minutes" integer NOT NULL,
	"tolerance_minutes" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "patrol_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"route_id" uuid NOT NULL,
	"name" text NOT NULL,
	"start_time" text NOT NULL,
	"end_time" text NOT NULL,
	"every_minutes" integer NOT NULL,
	"peak_windows" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"generated_through" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "patrol_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"route_id" uuid NOT NULL,
	"plan_id" uuid,
	"route_name" text NOT NULL,
	"standard_version_id" uuid NOT NULL,
	"state" text NOT NULL,
	"state_type" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"guard_user_id" uuid,
	"guard_name" text,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"finish_note" text,
	"missed_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "patrol_routes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "patrol_visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"checkpoint_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"name" text NOT NULL,
	"tag_id" text NOT NULL,
	"location" text,
	"expected_at" timestamp with time zone NOT NULL,
	"tolerance_minutes" integer NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"checked_at" timestamp with time zone,
	"checked_by_user_id" uuid,
	"checked_by_name" text,
	"method" text,
	"note" text,
	"photo_id" uuid,
	"work_order_id" uuid,
	"incident_id" uuid
);
--> statement-breakpoint
CREATE TABLE "duty_posts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"checklist" jsonb NOT NULL,
	"on_duty_user_id" uuid,
	"on_duty_name" text,
	"on_duty_since" timestamp with time zone,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shift_handovers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"post_id" uuid NOT NULL,
	"status" text NOT NULL,
	"outgoing_user_id" uuid NOT NULL,
	"outgoing_name" text NOT NULL,
	"outgoing_counts" jsonb NOT NULL,
	"open_matters" text,
	"outgoing_signature_id" uuid NOT NULL,
	"handed_at" timestamp with time zone NOT NULL,
	"incoming_user_id" uuid,
	"incoming_name" text,
	"incoming_counts" jsonb,
	"incoming_signature_id" uuid,
	"taken_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "emergency_drills" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"participants" text NOT NULL,
	"findings" text NOT NULL,
	"recorded_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "emergency_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"type" text NOT NULL,
	"title" text NOT NULL,
	"steps" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"type" text NOT NULL,
	"place" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"description" text NOT NULL,
	"people" text,
	"actions_taken" text,
	"outcome" text,
	"status" text DEFAULT 'open' NOT NULL,
	"plan_id" uuid,
	"step_checks" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"reported_by_user_id" uuid NOT NULL,
	"reported_by_name" text NOT NULL,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "patrol_checkpoints_route_idx" ON "patrol_checkpoints" USING btree ("route_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "patrol_checkpoints_tag_uq" ON "patrol_checkpoints" USING btree ("organization_id","tag_id");--> statement-breakpoint
CREATE INDEX "patrol_plans_community_idx" ON "patrol_plans" USING btree ("community_id");--> statement-breakpoint
CREATE UNIQUE INDEX "patrol_rounds_plan_start_uq" ON "patrol_rounds" USING btree ("plan_id","starts_at");--> statement-breakpoint
CREATE INDEX "patrol_rounds_community_start_idx" ON "patrol_rounds" USING btree ("community_id","starts_at");--> statement-breakpoint
CREATE INDEX "patrol_rounds_open_due_idx" ON "patrol_rounds" USING btree ("due_at") WHERE "patrol_rounds"."state_type" not in ('closed', 'cancelled');--> statement-breakpoint
CREATE INDEX "patrol_routes_community_idx" ON "patrol_routes" USING btree ("community_id");--> statement-breakpoint
CREATE INDEX "patrol_visits_round_idx" ON "patrol_visits" USING btree ("round_id","seq");--> statement-breakpoint
CREATE INDEX "patrol_visits_pending_idx" ON "patrol_visits" USING btree ("closes_at") WHERE "patrol_visits"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "duty_posts_community_idx" ON "duty_posts" USING btree ("community_id");--> statement-breakpoint
CREATE INDEX "shift_handovers_post_idx" ON "shift_handovers" USING btree ("post_id","handed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "shift_handovers_open_uq" ON "shift_handovers" USING btree ("post_id") WHERE "shift_handovers"."status" = 'awaiting_incoming';--> statement-breakpoint
CREATE INDEX "emergency_drills_community_idx" ON "emergency_drills" USING btree ("community_id","held_on");--> statement-breakpoint
CREATE UNIQUE INDEX "emergency_plans_type_uq" ON "emergency_plans" USING btree ("community_id","type");--> statement-breakpoint
CREATE INDEX "incidents_community_idx" ON "incidents" USING btree ("community_id","occurred_at");--> statement-breakpoint
CREATE INDEX "incidents_open_idx" ON "incidents" USING btree ("community_id") WHERE "incidents"."status" = 'open';