CREATE TABLE "assets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"building_id" uuid,
	"place" text,
	"brand" text,
	"model" text,
	"serial_number" text,
	"installed_on" date,
	"warranty_until" date,
	"maintainer" text,
	"maintainer_phone" text,
	"status" text NOT NULL,
	"notes" text,
	"retired_at" timestamp with time zone,
	"retired_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "assets_community_code_uq" ON "assets" USING btree ("community_id","code");--> statement-breakpoint
CREATE INDEX "assets_community_status_idx" ON "assets" USING btree ("organization_id","community_id","status");--> statement-breakpoint
CREATE INDEX "assets_building_idx" ON "assets" USING btree ("building_id");