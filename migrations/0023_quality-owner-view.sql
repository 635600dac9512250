CREATE TABLE "quality_community_settings" (
	"community_id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"publish_to_owners" boolean DEFAULT false NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
