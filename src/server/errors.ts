import type { Locale } from '../common/locale';
import type { MessageKey, MessageParam } from './i18n/messages';

/**
 * Stable error codes of the API. Clients key off the code, people read the message.
 * The HTTP status of each code lives in one table so handlers never pick statuses by hand.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  /** An export would hold more rows than its cap: narrow the filters. */
  EXPORT_TOO_LARGE: 400,
  UNAUTHENTICATED: 401,
  LOGIN_FAILED: 401,
  FORBIDDEN: 403,
  CSRF_FAILED: 403,
  /** A portal account has not accepted the privacy notice in force: accept it (`POST /api/v1/portal/me/privacy-consent`) first. */
  PRIVACY_CONSENT_REQUIRED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_TRANSITION: 409,
  STALE: 409,
  PAYLOAD_TOO_LARGE: 413,
  STORAGE_QUOTA_EXCEEDED: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_ATTEMPTS: 429,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/**
 * A field-level problem, rendered in the caller's language: a message key with parameters, or a
 * text already worded in both languages (problems reported by the standards engine).
 */
export type FieldProblem =
  | { key: MessageKey; params?: Record<string, MessageParam> }
  | { text: Readonly<Record<Locale, string>> };

/**
 * The one error type of the server. `messageKey` is rendered in the request's language by the
 * error handler; `fields` maps a field path (e.g. `items.0.amount`) to its problem.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly messageKey: MessageKey;
  readonly params: Record<string, MessageParam>;
  readonly fields?: Record<string, FieldProblem>;
  /** Where the item is now, for a 409 STALE (its state key and version). */
  readonly current?: { state: string; version: number };

  constructor(
    code: ErrorCode,
    messageKey: MessageKey,
    params: Record<string, MessageParam> = {},
    fields?: Record<string, FieldProblem>,
    current?: { state: string; version: number },
  ) {
    super(`${code}: ${messageKey}`);
    this.code = code;
    this.messageKey = messageKey;
    this.params = params;
    this.fields = fields;
    this.current = current;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** Shorthand for a 400 with problems on named fields. */
export function fieldError(fields: Record<string, FieldProblem>): AppError {
  return new AppError('VALIDATION_FAILED', 'error.validation', {}, fields);
}

/** Shorthand for a 404 that does not reveal whether the entity exists in another tenant. */
export function notFound(entity: MessageKey): AppError {
  return new AppError('NOT_FOUND', 'error.notFound', { entity });
}

/** Shorthand for a 403. */
export function forbidden(): AppError {
  return new AppError('FORBIDDEN', 'error.forbidden');
}
