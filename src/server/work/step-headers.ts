import { z } from 'zod';

/**
 * The request headers of a step route, the same on every kind of work: `Idempotency-Key` makes a
 * retry safe, `If-Match` carries the version of the item the caller saw (its ETag, `"7"`).
 */
export const stepHeadersSchema = z.object({
  'idempotency-key': z.string().min(1).max(200).optional(),
  'if-match': z
    .string()
    .regex(/^(W\/)?"\d{1,9}"$/)
    .optional()
    .meta({ description: 'The item’s `version` (or the ETag of its last response) as `"7"`: a step on an item that moved on since is refused with 409 STALE' }),
});

/** The version an `If-Match` header names, or undefined when none was sent. */
export function expectedVersionOf(ifMatch: string | undefined): number | undefined {
  return ifMatch === undefined ? undefined : Number(/"(\d+)"/.exec(ifMatch)![1]);
}

/** The ETag of an item at `version` (what `If-Match` sends back). */
export function etagOf(version: number): string {
  return `"${version}"`;
}
