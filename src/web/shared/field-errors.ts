import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';

/** A dotted API field path (`items.1.name`) as an antd name path (`['items', 1, 'name']`). */
export function namePath(path: string): (string | number)[] {
  return path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/**
 * Puts the API's per-field errors (`fields`, keyed by dotted paths such as `checkpoints.1.tagId`)
 * under the matching antd Form fields. `map` turns an API path into the form's name path where
 * they differ, or null for a field the form does not have. Returns the messages of the fields the
 * form does not have (for the caller to show), or false when the error names no field, so the
 * caller shows the error's message instead.
 */
export function showFieldErrors(
  form: FormInstance,
  error: unknown,
  map: (path: string) => (string | number)[] | null = namePath,
): false | string[] {
  if (!(error instanceof ApiError) || !Object.keys(error.fields).length) return false;
  const onForm: { name: (string | number)[]; errors: string[] }[] = [];
  const elsewhere: string[] = [];
  for (const [path, text] of Object.entries(error.fields)) {
    const name = map(path);
    if (name) onForm.push({ name, errors: [text] });
    else elsewhere.push(text);
  }
  form.setFields(onForm as never);
  return elsewhere;
}
