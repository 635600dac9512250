CREATE TABLE "work_order_day_counts" (
	"organization_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"day" date NOT NULL,
	"state_type" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "work_order_day_counts_community_id_day_state_type_pk" PRIMARY KEY("community_id","day","state_type")
);
--> statement-breakpoint
CREATE TABLE "work_order_day_deltas" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"day" date NOT NULL,
	"state_type" text NOT NULL,
	"n" integer NOT NULL
);
--> statement-breakpoint
DROP INDEX "work_orders_community_next_due_idx";--> statement-breakpoint
DROP INDEX "work_orders_org_next_due_idx";--> statement-breakpoint
CREATE INDEX "work_order_day_counts_org_day_idx" ON "work_order_day_counts" USING btree ("organization_id","day");--> statement-breakpoint
CREATE INDEX "work_orders_community_next_due_idx" ON "work_orders" USING btree ("community_id","next_due_at","created_at");--> statement-breakpoint
CREATE INDEX "work_orders_org_next_due_idx" ON "work_orders" USING btree ("organization_id","next_due_at","created_at");--> statement-breakpoint
-- The dashboard's daily roll-up (docs/performance.md): every write to work_orders that adds,
-- removes or moves an order between (community, local day of creation, state type) cells appends
-- signed deltas; nothing here updates a shared row, so concurrent intakes never wait on each other.
-- Inserts and deletes are counted per statement (a 10,000-row import appends one row per cell).
CREATE OR REPLACE FUNCTION work_order_day_count_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO work_order_day_deltas (organization_id, community_id, day, state_type, n)
  SELECT w.organization_id, w.community_id, (w.created_at AT TIME ZONE c.time_zone)::date, w.state_type, count(*)
  FROM new_rows w JOIN communities c ON c.id = w.community_id
  GROUP BY 1, 2, 3, 4;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION work_order_day_count_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO work_order_day_deltas (organization_id, community_id, day, state_type, n)
  SELECT w.organization_id, w.community_id, (w.created_at AT TIME ZONE c.time_zone)::date, w.state_type, -count(*)
  FROM old_rows w JOIN communities c ON c.id = w.community_id
  GROUP BY 1, 2, 3, 4;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION work_order_day_count_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO work_order_day_deltas (organization_id, community_id, day, state_type, n)
  SELECT OLD.organization_id, OLD.community_id, (OLD.created_at AT TIME ZONE c.time_zone)::date, OLD.state_type, -1
  FROM communities c WHERE c.id = OLD.community_id
  UNION ALL
  SELECT NEW.organization_id, NEW.community_id, (NEW.created_at AT TIME ZONE c.time_zone)::date, NEW.state_type, 1
  FROM communities c WHERE c.id = NEW.community_id;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER work_orders_day_count_insert AFTER INSERT ON work_orders REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION work_order_day_count_inserted();--> statement-breakpoint
CREATE TRIGGER work_orders_day_count_delete AFTER DELETE ON work_orders REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION work_order_day_count_deleted();--> statement-breakpoint
CREATE TRIGGER work_orders_day_count_update AFTER UPDATE OF state_type, community_id, organization_id, created_at ON work_orders FOR EACH ROW
  WHEN (OLD.state_type IS DISTINCT FROM NEW.state_type OR OLD.community_id IS DISTINCT FROM NEW.community_id
    OR OLD.organization_id IS DISTINCT FROM NEW.organization_id OR OLD.created_at IS DISTINCT FROM NEW.created_at)
  EXECUTE FUNCTION work_order_day_count_moved();--> statement-breakpoint
-- A community's new time zone moves its orders to other local days. The share lock waits for
-- intakes in flight and holds new ones until this transaction ends, so none is counted on a day
-- of the old zone after its orders were moved.
CREATE OR REPLACE FUNCTION work_order_day_count_rezoned() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE work_orders IN SHARE MODE;
  INSERT INTO work_order_day_deltas (organization_id, community_id, day, state_type, n)
  SELECT w.organization_id, w.community_id, (w.created_at AT TIME ZONE OLD.time_zone)::date, w.state_type, -count(*)
  FROM work_orders w WHERE w.community_id = NEW.id GROUP BY 1, 2, 3, 4
  UNION ALL
  SELECT w.organization_id, w.community_id, (w.created_at AT TIME ZONE NEW.time_zone)::date, w.state_type, count(*)
  FROM work_orders w WHERE w.community_id = NEW.id GROUP BY 1, 2, 3, 4;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER communities_day_count_rezone AFTER UPDATE OF time_zone ON communities FOR EACH ROW
  WHEN (OLD.time_zone IS DISTINCT FROM NEW.time_zone)
  EXECUTE FUNCTION work_order_day_count_rezoned();--> statement-breakpoint
-- The orders that exist already, counted once.
INSERT INTO work_order_day_counts (organization_id, community_id, day, state_type, n)
SELECT w.organization_id, w.community_id, (w.created_at AT TIME ZONE c.time_zone)::date, w.state_type, count(*)
FROM work_orders w JOIN communities c ON c.id = w.community_id
GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
ANALYZE work_order_day_counts;
