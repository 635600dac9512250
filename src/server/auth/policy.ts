import type { Role } from '../../common/roles';
import type { Actor } from '../db/scope';
import { forbidden } from '../errors';

/** A record that belongs to one community of one organization: what community-scoped policies decide on. */
export interface CommunityRecord {
  organizationId: string;
  communityId: string;
}

/** A rule decides one action for one actor on one entity (or on nothing, for collection actions). */
export type Rule<E> = (actor: Actor, entity: E) => boolean;

export interface Policy<A extends string, E> {
  readonly actions: readonly A[];
  can(actor: Actor, action: A, entity: E): boolean;
  /** The actions the actor may take on the entity; sent to clients as `allowedActions`. */
  allowedActions(actor: Actor, entity: E): A[];
  /** Throws 403 unless the actor may take the action. */
  assert(actor: Actor, action: A, entity: E): void;
}

/**
 * Declares a typed policy: one rule per action, so actions are a closed union of names and the
 * same rules answer both the server-side check and the client's `allowedActions`.
 */
export function definePolicy<A extends string, E = void>(rules: Record<A, Rule<E>>): Policy<A, E> {
  const actions = Object.keys(rules) as A[];
  const can = (actor: Actor, action: A, entity: E) => rules[action](actor, entity);
  return {
    actions,
    can,
    allowedActions: (actor, entity) => actions.filter((a) => can(actor, a, entity)),
    assert(actor, action, entity) {
      if (!can(actor, action, entity)) throw forbidden();
    },
  };
}

/** True when the actor holds any of the roles. */
export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return roles.some((r) => actor.roles.includes(r));
}
