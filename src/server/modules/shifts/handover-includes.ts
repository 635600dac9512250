import type { RequestContext } from '../../auth/context';
import type { Tx } from '../../db/client';
import type { HandoverInclude, PostKind } from './tables';

/**
 * What a handover of a kind of post includes besides the checklist counts, contributed by the
 * module that owns it (the fees module adds the cashier's shift close to a fee post's handover).
 * An includer may refuse the handover (throw an AppError), e.g. while the drawer is not closed.
 */
export type HandoverIncluder = (tx: Tx, ctx: RequestContext, post: { organizationId: string; communityId: string; kind: PostKind; onDutySince: Date | null }) => Promise<HandoverInclude[]>;

const includers = new Map<PostKind, Map<string, HandoverIncluder>>();

/** Registers an includer for a kind of post under a name (registering the same name again replaces it). */
export function registerHandoverIncluder(kind: PostKind, name: string, includer: HandoverIncluder): void {
  const forKind = includers.get(kind) ?? new Map<string, HandoverIncluder>();
  forKind.set(name, includer);
  includers.set(kind, forKind);
}

/** Everything the registered includers add to a handover of this post, in registration order. */
export async function collectIncludes(tx: Tx, ctx: RequestContext, post: Parameters<HandoverIncluder>[2]): Promise<HandoverInclude[]> {
  const result: HandoverInclude[] = [];
  for (const includer of includers.get(post.kind)?.values() ?? []) result.push(...(await includer(tx, ctx, post)));
  return result;
}
