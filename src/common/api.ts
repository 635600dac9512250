import { z } from 'zod';

/** Body of every 4xx/5xx response. */
export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'Stable machine-readable code, e.g. VALIDATION_FAILED' }),
      message: z.string().meta({ description: "Human-readable message in the request's language" }),
      fields: z
        .record(z.string(), z.string())
        .optional()
        .meta({ description: 'Per-field messages, keyed by field path (e.g. `items.0.amount`)' }),
      current: z
        .object({ state: z.string(), version: z.number().int() })
        .optional()
        .meta({ description: 'With STALE: the state and version the item has now (someone else acted on it first)' }),
    }),
  })
  .meta({ id: 'Error' });

export const PAGE_SIZE_MAX = 200;

/** Paging query parameters shared by every list endpoint. */
export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1).meta({ description: '1-based page number' }),
  pageSize: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(20),
});

/** A page of items with the total count. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

/** A field schema without its `.default()` (other wrappers kept). */
type WithoutDefault<T> = T extends z.ZodDefault<infer Inner> ? Inner : T;

/**
 * The PATCH body of a create schema: every field optional and no default applied, so a PATCH
 * changes only the fields it sends (`null` clears a nullable field). zod's own `.partial()` keeps
 * defaults, which would reset every absent field with a default (docs/api.md, "PATCH").
 */
export function patchOf<Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>): z.ZodObject<{ [K in keyof Shape]: z.ZodOptional<WithoutDefault<Shape[K]>> }> {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, value] of Object.entries(schema.shape)) {
    const field = value as z.ZodType;
    const inner = field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : field;
    const described = field.meta();
    shape[key] = (described ? inner.meta(described) : inner).optional();
  }
  return z.object(shape) as never;
}
