CREATE TABLE "decoration_workers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"decoration_id" uuid NOT NULL,
	"name" text NOT NULL,
	"phone" text,
	"kind" text NOT NULL,
	"certificate_number" text,
	"certificate_checked_by" jsonb,
	"certificate_checked_at" timestamp with time zone,
	"certificate_photo_id" uuid,
	"verification" text,
	"pass_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "decorations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_label" text NOT NULL,
	"company" text NOT NULL,
	"responsible_name" text NOT NULL,
	"responsible_phone" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"note" text,
	"cancelled_at" timestamp with time zone,
	"created_by" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gate_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text,
	"automatic" boolean DEFAULT false NOT NULL,
	"by" jsonb,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gate_passes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_label" text NOT NULL,
	"code" text NOT NULL,
	"token" text NOT NULL,
	"standard_version_id" uuid NOT NULL,
	"state" text NOT NULL,
	"state_type" text NOT NULL,
	"state_entered_at" timestamp with time zone NOT NULL,
	"facts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"confirmation" jsonb,
	"valid_until" timestamp with time zone NOT NULL,
	"created_by" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"origin" text NOT NULL,
	"host_resident_id" uuid,
	"host_name" text,
	"visitor_name" text NOT NULL,
	"visitor_phone" text,
	"plate" text,
	"party_size" integer DEFAULT 1 NOT NULL,
	"purpose" text,
	"valid_from" timestamp with time zone NOT NULL,
	"decoration_id" uuid,
	"entered_at" timestamp with time zone,
	"exited_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "goods_slips" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_label" text NOT NULL,
	"code" text NOT NULL,
	"token" text NOT NULL,
	"standard_version_id" uuid NOT NULL,
	"state" text NOT NULL,
	"state_type" text NOT NULL,
	"state_entered_at" timestamp with time zone NOT NULL,
	"facts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"confirmation" jsonb,
	"valid_until" timestamp with time zone NOT NULL,
	"created_by" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"issuer_resident_id" uuid,
	"items" jsonb NOT NULL,
	"carrier_name" text NOT NULL,
	"carrier_phone" text,
	"plate" text,
	"note" text,
	"release" jsonb
);
--> statement-breakpoint
CREATE INDEX "decoration_workers_decoration_idx" ON "decoration_workers" USING btree ("decoration_id");--> statement-breakpoint
CREATE INDEX "decorations_community_idx" ON "decorations" USING btree ("community_id","ends_on");--> statement-breakpoint
CREATE INDEX "decorations_unit_idx" ON "decorations" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "gate_events_subject_idx" ON "gate_events" USING btree ("subject_type","subject_id","at");--> statement-breakpoint
CREATE INDEX "gate_events_community_idx" ON "gate_events" USING btree ("community_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "gate_passes_code_uq" ON "gate_passes" USING btree ("community_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "gate_passes_token_uq" ON "gate_passes" USING btree ("token");--> statement-breakpoint
CREATE INDEX "gate_passes_window_idx" ON "gate_passes" USING btree ("community_id","valid_from");--> statement-breakpoint
CREATE INDEX "gate_passes_unit_idx" ON "gate_passes" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "goods_slips_code_uq" ON "goods_slips" USING btree ("community_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "goods_slips_token_uq" ON "goods_slips" USING btree ("token");--> statement-breakpoint
CREATE INDEX "goods_slips_community_idx" ON "goods_slips" USING btree ("community_id","created_at");