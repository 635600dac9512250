CREATE TABLE "inspection_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"name" text NOT NULL,
	"template_key" text NOT NULL,
	"kind" text NOT NULL,
	"place" text NOT NULL,
	"rule" jsonb NOT NULL,
	"window_minutes" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"generated_through" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_template_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid,
	"community_id" uuid,
	"key" text NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"author_user_id" uuid,
	"author_name" text NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"number" text NOT NULL,
	"plan_id" uuid,
	"kind" text NOT NULL,
	"place" text NOT NULL,
	"template_version_id" uuid NOT NULL,
	"template_key" text NOT NULL,
	"template_name" jsonb NOT NULL,
	"level" text NOT NULL,
	"standard_version_id" uuid NOT NULL,
	"state" text NOT NULL,
	"state_type" text NOT NULL,
	"state_entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"facts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"inspector_user_id" uuid,
	"inspector_name" text,
	"inspected_staff_id" uuid,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"score" real,
	"category_scores" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"failed_count" integer DEFAULT 0 NOT NULL,
	"submitted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rectifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"number" text NOT NULL,
	"inspection_id" uuid NOT NULL,
	"category_key" text NOT NULL,
	"item_key" text NOT NULL,
	"item_text" jsonb NOT NULL,
	"severity" text NOT NULL,
	"place" text NOT NULL,
	"responsible_staff_id" uuid,
	"standard_version_id" uuid NOT NULL,
	"state" text NOT NULL,
	"state_type" text NOT NULL,
	"state_entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"facts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"rectified_by_user_id" uuid,
	"rectified_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "inspection_plans_community_idx" ON "inspection_plans" USING btree ("community_id");--> statement-breakpoint
CREATE UNIQUE INDEX "inspection_template_versions_scope_uq" ON "inspection_template_versions" USING btree (coalesce("organization_id", '00000000-0000-0000-0000-000000000000'::uuid),coalesce("community_id", '00000000-0000-0000-0000-000000000000'::uuid),"key","version");--> statement-breakpoint
CREATE INDEX "inspection_template_versions_lookup_idx" ON "inspection_template_versions" USING btree ("key","organization_id","community_id");--> statement-breakpoint
CREATE UNIQUE INDEX "inspections_plan_start_uq" ON "inspections" USING btree ("plan_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "inspections_number_uq" ON "inspections" USING btree ("community_id","number");--> statement-breakpoint
CREATE INDEX "inspections_community_start_idx" ON "inspections" USING btree ("community_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "rectifications_item_uq" ON "rectifications" USING btree ("inspection_id","category_key","item_key");--> statement-breakpoint
CREATE UNIQUE INDEX "rectifications_number_uq" ON "rectifications" USING btree ("community_id","number");--> statement-breakpoint
CREATE INDEX "rectifications_responsible_idx" ON "rectifications" USING btree ("responsible_staff_id","state_type");--> statement-breakpoint
CREATE INDEX "rectifications_community_idx" ON "rectifications" USING btree ("community_id","state_type");