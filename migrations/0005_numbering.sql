CREATE TABLE "work_counters" (
	"organization_id" uuid NOT NULL,
	"scope_id" uuid NOT NULL,
	"period_key" text NOT NULL,
	"prefix" text NOT NULL,
	"value" integer NOT NULL,
	CONSTRAINT "work_counters_organization_id_scope_id_period_key_prefix_pk" PRIMARY KEY("organization_id","scope_id","period_key","prefix")
);
--> statement-breakpoint
ALTER TABLE "gate_passes" ADD COLUMN "number" text;--> statement-breakpoint
ALTER TABLE "goods_slips" ADD COLUMN "number" text;--> statement-breakpoint
-- data migration: numbering
-- Work-order counters move to the numbering service's table, so numbers continue without a clash.
INSERT INTO "work_counters" ("organization_id", "scope_id", "period_key", "prefix", "value")
SELECT c."organization_id", w."community_id", to_char(w."day", 'YYYY-MM-DD'), w."prefix", w."value"
FROM "work_order_counters" w JOIN "communities" c ON c."id" = w."community_id"
ON CONFLICT ("organization_id", "scope_id", "period_key", "prefix") DO UPDATE SET "value" = greatest("work_counters"."value", excluded."value");
--> statement-breakpoint
-- Existing passes and slips are numbered per community and local day of registration, in order.
WITH numbered AS (
  SELECT p."id", to_char(p."created_at" AT TIME ZONE c."time_zone", 'YYYYMMDD') AS day,
         row_number() OVER (PARTITION BY p."community_id", to_char(p."created_at" AT TIME ZONE c."time_zone", 'YYYYMMDD') ORDER BY p."created_at", p."id") AS n
  FROM "gate_passes" p JOIN "communities" c ON c."id" = p."community_id"
  WHERE p."number" IS NULL
)
UPDATE "gate_passes" g SET "number" = 'FK' || numbered.day || '-' || CASE WHEN numbered.n < 10000 THEN lpad(numbered.n::text, 4, '0') ELSE numbered.n::text END
FROM numbered WHERE numbered."id" = g."id";
--> statement-breakpoint
WITH numbered AS (
  SELECT s."id", to_char(s."created_at" AT TIME ZONE c."time_zone", 'YYYYMMDD') AS day,
         row_number() OVER (PARTITION BY s."community_id", to_char(s."created_at" AT TIME ZONE c."time_zone", 'YYYYMMDD') ORDER BY s."created_at", s."id") AS n
  FROM "goods_slips" s JOIN "communities" c ON c."id" = s."community_id"
  WHERE s."number" IS NULL
)
UPDATE "goods_slips" g SET "number" = 'FX' || numbered.day || '-' || CASE WHEN numbered.n < 10000 THEN lpad(numbered.n::text, 4, '0') ELSE numbered.n::text END
FROM numbered WHERE numbered."id" = g."id";
--> statement-breakpoint
-- The counters start where the backfill ended.
INSERT INTO "work_counters" ("organization_id", "scope_id", "period_key", "prefix", "value")
SELECT x."organization_id", x."community_id", x."period_key", x."prefix", count(*)
FROM (
  SELECT "organization_id", "community_id", substr("number", 1, 2) AS "prefix",
         substr("number", 3, 4) || '-' || substr("number", 7, 2) || '-' || substr("number", 9, 2) AS "period_key"
  FROM (SELECT "organization_id", "community_id", "number" FROM "gate_passes" UNION ALL SELECT "organization_id", "community_id", "number" FROM "goods_slips") n
) x
GROUP BY x."organization_id", x."community_id", x."period_key", x."prefix"
ON CONFLICT ("organization_id", "scope_id", "period_key", "prefix") DO UPDATE SET "value" = greatest("work_counters"."value", excluded."value");
