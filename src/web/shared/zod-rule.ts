import type { z } from 'zod';

/**
 * An antd form rule from one of the shared zod schemas (`src/common/**`), so the form checks what
 * the API checks. Empty values pass: whether a field is required is its own rule.
 */
export function zodRule(schema: z.ZodType, message: string | ((issue: z.core.$ZodIssue) => string)) {
  return {
    validator: async (_: unknown, value: unknown) => {
      if (value === undefined || value === null || value === '') return;
      const result = schema.safeParse(value);
      if (result.success) return;
      throw new Error(typeof message === 'string' ? message : message(result.error.issues[0]!));
    },
  };
}
