CREATE TABLE "attachment_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"attachment_id" uuid NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"action" text,
	"actor_user_id" uuid,
	"actor_name" text,
	"channel" text,
	"from_state" text,
	"to_state" text,
	"visibility" text DEFAULT 'owner' NOT NULL,
	"automatic" boolean DEFAULT false NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"seq" bigserial NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "attachment_links_uq" ON "attachment_links" USING btree ("attachment_id","subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "attachment_links_subject_idx" ON "attachment_links" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "work_events_subject_idx" ON "work_events" USING btree ("subject_type","subject_id","at");--> statement-breakpoint
CREATE INDEX "work_events_community_idx" ON "work_events" USING btree ("community_id","at");--> statement-breakpoint
-- data migration: timeline
-- The drops of work_order_events, gate_events and attachments.work_order_id/community_id/purpose
-- that drizzle-kit generates belong HERE, after the copy; remove them from the DDL part above
-- when regenerating it. Every event becomes a work_event with the same id and fields; every
-- owner an attachment had (work order, released slip, decoration worker's certificate, handover
-- signature, patrol check-in photo) becomes a link. An event whose work order is missing makes
-- the NOT NULL community_id fail the migration rather than lose the row.
INSERT INTO "work_events" ("id", "organization_id", "community_id", "subject_type", "subject_id", "kind", "action", "actor_user_id", "actor_name", "channel", "from_state", "to_state", "visibility", "automatic", "data", "at")
SELECT e."id", e."organization_id", w."community_id", 'work_order', e."work_order_id", e."kind", e."action", e."actor_user_id", e."actor_name", e."channel", e."from_state", e."to_state", e."visibility", e."automatic", e."data", e."at"
FROM "work_order_events" e LEFT JOIN "work_orders" w ON w."id" = e."work_order_id"
ORDER BY e."at", e."id";--> statement-breakpoint
INSERT INTO "work_events" ("id", "organization_id", "community_id", "subject_type", "subject_id", "kind", "action", "actor_user_id", "actor_name", "channel", "from_state", "to_state", "visibility", "automatic", "data", "at")
SELECT g."id", g."organization_id", g."community_id", g."subject_type", g."subject_id", CASE WHEN g."action" = 'created' THEN 'created' ELSE 'transition' END, g."action", (g."by"->>'userId')::uuid, g."by"->>'name', NULL, g."from_state", g."to_state", 'owner', g."automatic", g."data", g."at"
FROM "gate_events" g
ORDER BY g."at", g."id";--> statement-breakpoint
INSERT INTO "attachment_links" ("organization_id", "attachment_id", "subject_type", "subject_id", "purpose", "linked_at")
SELECT a."organization_id", a."id", 'work_order', a."work_order_id", COALESCE(a."purpose", 'intake'), a."created_at"
FROM "attachments" a WHERE a."work_order_id" IS NOT NULL;--> statement-breakpoint
INSERT INTO "attachment_links" ("organization_id", "attachment_id", "subject_type", "subject_id", "purpose", "linked_at")
SELECT a."organization_id", a."id", 'goods_slip', substr(a."purpose", 12)::uuid, 'guard_signature', a."created_at"
FROM "attachments" a WHERE a."work_order_id" IS NULL AND a."purpose" LIKE 'goods\_slip:%';--> statement-breakpoint
INSERT INTO "attachment_links" ("organization_id", "attachment_id", "subject_type", "subject_id", "purpose", "linked_at")
SELECT a."organization_id", a."id", 'decoration', w."decoration_id", 'certificate', a."created_at"
FROM "attachments" a JOIN "decoration_workers" w ON w."id" = substr(a."purpose", 19)::uuid
WHERE a."work_order_id" IS NULL AND a."purpose" LIKE 'decoration\_worker:%';--> statement-breakpoint
INSERT INTO "attachment_links" ("organization_id", "attachment_id", "subject_type", "subject_id", "purpose", "linked_at")
SELECT h."organization_id", h."outgoing_signature_id", 'shift_handover', h."id", 'outgoing_signature', h."handed_at" FROM "shift_handovers" h
UNION ALL
SELECT h."organization_id", h."incoming_signature_id", 'shift_handover', h."id", 'incoming_signature', h."taken_at" FROM "shift_handovers" h WHERE h."incoming_signature_id" IS NOT NULL;--> statement-breakpoint
INSERT INTO "attachment_links" ("organization_id", "attachment_id", "subject_type", "subject_id", "purpose", "linked_at")
SELECT v."organization_id", v."photo_id", 'patrol_round', v."round_id", 'checkpoint', COALESCE(v."checked_at", now())
FROM "patrol_visits" v WHERE v."photo_id" IS NOT NULL
ON CONFLICT DO NOTHING;--> statement-breakpoint
DROP TABLE "work_order_events";--> statement-breakpoint
DROP TABLE "gate_events";--> statement-breakpoint
DROP INDEX "attachments_work_order_idx";--> statement-breakpoint
ALTER TABLE "attachments" DROP COLUMN "work_order_id";--> statement-breakpoint
ALTER TABLE "attachments" DROP COLUMN "community_id";--> statement-breakpoint
ALTER TABLE "attachments" DROP COLUMN "purpose";
