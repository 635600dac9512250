import type { z } from 'zod';

/**
 * An antd form rule from one of the shared zod schemas (`src/common/registry.ts`), so the form
 * checks what the API checks. Empty values pass: whether a field is required is its own rule.
 */
export function zodRule(schema: z.ZodType, message: string) {
  return {
    validator: async (_: unknown, value: unknown) => {
      if (value === undefined || value === null || value === '') return;
      if (!schema.safeParse(value).success) throw new Error(message);
    },
  };
}
