import { createHash } from 'node:crypto';
import { loadDefaultLibrary, type StandardsLibrary } from '../../standards/library';

let cached: StandardsLibrary | null = null;

/** The shipped standards library, loaded and validated once per process. */
export function library(): StandardsLibrary {
  cached ??= loadDefaultLibrary();
  return cached;
}

/** Stable content hash of a definition (keys sorted), to detect library changes. */
export function hashDefinition(definition: unknown): string {
  const canonical = JSON.stringify(definition, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
  return createHash('sha256').update(canonical).digest('hex');
}
