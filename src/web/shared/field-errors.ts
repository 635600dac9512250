import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';

/** A dotted API field path (`items.1.name`) as an antd name path (`['items', 1, 'name']`). */
export function namePath(path: string): (string | number)[] {
  return path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/**
 * Puts the API's per-field errors (`fields`, keyed by dotted paths such as `checkpoints.1.tagId`)
 * under the matching antd Form fields. `rename` maps an API field to the form's own name where
 * they differ. Returns the messages of fields the form does not have (`known` says which top-level
 * names it has; all when omitted), or false when the error names no field, so the caller shows
 * the error's message instead.
 */
export function showFieldErrors(
  form: FormInstance,
  error: unknown,
  options: { rename?: Record<string, string>; known?: ReadonlySet<string> } = {},
): false | string[] {
  if (!(error instanceof ApiError) || !Object.keys(error.fields).length) return false;
  const onForm: { name: (string | number)[]; errors: string[] }[] = [];
  const elsewhere: string[] = [];
  for (const [path, text] of Object.entries(error.fields)) {
    const name = namePath(options.rename?.[path] ?? path);
    if (options.known && !options.known.has(String(name[0]))) elsewhere.push(text);
    else onForm.push({ name, errors: [text] });
  }
  form.setFields(onForm as never);
  return elsewhere;
}
