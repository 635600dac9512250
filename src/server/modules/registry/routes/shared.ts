import { errorBodySchema } from '../../../../common/api';
import type { Policy } from '../../../auth/policy';
import type { Actor } from '../../../db/scope';
import { AppError, forbidden } from '../../../errors';
import type { MessageKey } from '../../../i18n/messages';

/** Error responses every registry route may give. */
export const ERRORS = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
} as const;

/**
 * Throws unless the actor may take the action. An action refused only because the record is
 * archived answers 409 with "archived", so the user learns why rather than "not allowed".
 */
export function authorize<A extends string, E extends { archivedAt: Date | null }>(
  policy: Policy<A, E>,
  actor: Actor,
  action: A,
  entity: E,
  entityKey: MessageKey,
): void {
  if (policy.can(actor, action, entity)) return;
  if (entity.archivedAt && policy.can(actor, action, { ...entity, archivedAt: null })) {
    throw new AppError('CONFLICT', 'error.archived', { entity: entityKey });
  }
  throw forbidden();
}

export { datedName, sendXlsx } from '../../../http/xlsx';

/** Description shared by the export routes. */
export const EXPORT_DESCRIPTION =
  'Returns an xlsx file (Chinese headers, same columns as the import template) of the list with the same filters, ' +
  'up to 100,000 rows. Personal data is masked as in the list.';

