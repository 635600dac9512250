import type { Locale } from '../../common/locale';
import type { Actor } from '../db/scope';

/**
 * What a command needs to know about its caller: the actor (for scope, policy and audit),
 * where the request came from, and the language to answer in.
 */
export interface RequestContext {
  actor: Actor;
  ip: string | null;
  locale: Locale;
}

/** The actor used by CLI commands (seed, admin create): acts for the system, audited as such. */
export function systemContext(organizationId: string | null = null): RequestContext {
  return {
    actor: {
      userId: '00000000-0000-0000-0000-000000000000',
      displayName: 'system',
      organizationId,
      roles: ['platform_admin'],
      staffId: null,
      residentId: null,
      communityIds: 'all',
      unitIds: [],
    },
    ip: null,
    locale: 'zh-CN',
  };
}

/** True for the pseudo-actor of `systemContext`. */
export function isSystemActor(actor: Actor): boolean {
  return actor.userId === '00000000-0000-0000-0000-000000000000';
}
