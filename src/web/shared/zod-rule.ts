import type { z } from 'zod';

/**
 * An antd form rule from one of the shared zod schemas (`src/common/**`), so the form checks what
 * the API checks. Empty values pass: whether a field is required is its own rule. `from` turns the
 * form's value into the value the API takes (e.g. yuan into fen) before the check.
 */
export function zodRule(schema: z.ZodType, message: string | ((issue: z.core.$ZodIssue) => string), from?: (formValue: unknown) => unknown) {
  return {
    validator: async (_: unknown, formValue: unknown) => {
      const value = from ? from(formValue) : formValue;
      if (value === undefined || value === null || value === '') return;
      const result = schema.safeParse(value);
      if (result.success) return;
      throw new Error(typeof message === 'string' ? message : message(result.error.issues[0]!));
    },
  };
}
