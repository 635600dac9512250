import type { FastifyInstance, FastifyRequest } from 'fastify';
import { fieldError, type FieldProblem } from '../errors';

/**
 * Input no field of this product can store, refused before any schema or handler sees it, for
 * every route (the unauthenticated ones included), in the body, the query and the path:
 * - a NUL character or a lone UTF-16 surrogate in any string (PostgreSQL's text type cannot hold
 *   a NUL, and a lone surrogate is not valid UTF-8);
 * - a date or an instant written as an ISO string whose year lies outside 1900–2999 (the
 *   database refuses year 0, and no date in property management falls outside that range; far-future list filters stay possible).
 * Each problem is a 400 naming its field, in the caller's language.
 */

export const YEAR_MIN = 1900;
export const YEAR_MAX = 2999;

// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|\p{Cs}/u;
/** A whole-string ISO date or instant (what `z.iso.date()` / `z.iso.datetime()` accept). */
const ISO_DATE = /^(\d{4})-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Problems of one request part, keyed by field path (`items.0.name`); at most one per field. */
export function unstorableInput(value: unknown, path: string[] = [], out: Record<string, FieldProblem> = {}, depth = 0): Record<string, FieldProblem> {
  if (depth > 32) return out;
  if (typeof value === 'string') {
    const field = path.join('.') || 'body';
    if (UNSTORABLE.test(value)) out[field] ??= { key: 'field.badCharacters' };
    else {
      const date = ISO_DATE.exec(value);
      if (date) {
        const year = Number(date[1]);
        if (year < YEAR_MIN || year > YEAR_MAX) out[field] ??= { key: 'field.yearOutOfRange', params: { min: YEAR_MIN, max: YEAR_MAX } };
      }
    }
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => unstorableInput(v, [...path, String(i)], out, depth + 1));
  } else if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (UNSTORABLE.test(k)) out[[...path, k].join('.')] ??= { key: 'field.badCharacters' };
      else unstorableInput(v, [...path, k], out, depth + 1);
    }
  }
  return out;
}

/** Installs the guard as a `preValidation` hook of every route. */
export function installInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request: FastifyRequest) => {
    const problems = {
      ...unstorableInput(request.params),
      ...unstorableInput(request.query),
      ...unstorableInput(request.body),
    };
    if (Object.keys(problems).length) throw fieldError(problems);
  });
}
