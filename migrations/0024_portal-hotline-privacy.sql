CREATE TABLE "portal_privacy_consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"notice_version" text NOT NULL,
	"accepted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "communities" ADD COLUMN "hotline" text;--> statement-breakpoint
CREATE UNIQUE INDEX "portal_privacy_consents_user_version_uq" ON "portal_privacy_consents" USING btree ("user_id","notice_version");