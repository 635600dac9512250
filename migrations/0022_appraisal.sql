CREATE TABLE "appraisal_weights" (
	"organization_id" uuid NOT NULL,
	"position" text NOT NULL,
	"inspection" integer NOT NULL,
	"sla" integer NOT NULL,
	"rating" integer NOT NULL,
	"complaints" integer NOT NULL,
	"complaint_deduction" integer NOT NULL,
	"updated_by_user_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appraisal_weights_organization_id_position_pk" PRIMARY KEY("organization_id","position")
);
--> statement-breakpoint
CREATE TABLE "improvement_measures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"number" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"source" text NOT NULL,
	"source_key" text NOT NULL,
	"owner_staff_id" uuid NOT NULL,
	"due_on" date NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"raised_by_user_id" uuid,
	"raised_at" timestamp with time zone NOT NULL,
	"standard_version_id" uuid NOT NULL,
	"state" text NOT NULL,
	"state_type" text NOT NULL,
	"state_entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"facts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"counters" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_incentives" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"number" text NOT NULL,
	"staff_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"reason" text NOT NULL,
	"points" integer,
	"amount_fen" integer,
	"proposed_by_user_id" uuid,
	"proposed_by_name" text NOT NULL,
	"standard_version_id" uuid NOT NULL,
	"state" text NOT NULL,
	"state_type" text NOT NULL,
	"state_entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"facts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"decided_by_user_id" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "improvement_measures_community_idx" ON "improvement_measures" USING btree ("community_id","state_type");--> statement-breakpoint
CREATE INDEX "improvement_measures_owner_idx" ON "improvement_measures" USING btree ("owner_staff_id","state_type");--> statement-breakpoint
CREATE INDEX "staff_incentives_community_idx" ON "staff_incentives" USING btree ("community_id","created_at");--> statement-breakpoint
CREATE INDEX "staff_incentives_staff_idx" ON "staff_incentives" USING btree ("staff_id","created_at");