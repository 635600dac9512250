ALTER TABLE "users" ADD COLUMN "must_change_password" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "outbound_messages" ADD COLUMN "redacted" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "otp_challenges" ADD COLUMN "organization_id" uuid;--> statement-breakpoint
ALTER TABLE "otp_challenges" ADD COLUMN "community_id" uuid;--> statement-breakpoint
-- data migration: trust
-- Sign-in codes already in the outbox become unreadable to staff: mask them in code messages.
UPDATE "outbound_messages" SET "body" = regexp_replace("body", '[0-9]{6}', '******', 'g'), "subject" = regexp_replace("subject", '[0-9]{6}', '******', 'g'), "redacted" = true WHERE "entity_type" = 'otp_challenge';--> statement-breakpoint
-- Accounts of staff archived before this release: disabled, and their sessions ended.
UPDATE "users" SET "disabled_at" = now() WHERE "disabled_at" IS NULL AND "staff_id" IN (SELECT "id" FROM "staff" WHERE "archived_at" IS NOT NULL);--> statement-breakpoint
DELETE FROM "sessions" WHERE "user_id" IN (SELECT "id" FROM "users" WHERE "disabled_at" IS NOT NULL);
