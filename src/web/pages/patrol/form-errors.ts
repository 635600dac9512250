import type { FormInstance } from 'antd';
import { ApiError } from '../../api/client';

/**
 * Puts the API's per-field errors (`fields`, keyed by dotted paths such as `checkpoints.1.tagId`)
 * under the matching antd Form fields. Returns false when the error names no field, so the caller
 * shows its message instead.
 */
export function showFieldErrors(form: FormInstance, error: unknown): boolean {
  if (!(error instanceof ApiError) || !Object.keys(error.fields).length) return false;
  form.setFields(
    Object.entries(error.fields).map(([path, text]) => ({
      name: path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
      errors: [text],
    })),
  );
  return true;
}
