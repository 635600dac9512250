import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pickLocale, type Locale } from '../../common/locale';
import { AppError, ERROR_STATUS, type ErrorCode } from '../errors';
import { MESSAGES, t, type MessageKey } from '../i18n/messages';

const zodLocales = { 'zh-CN': z.locales.zhCN(), 'en-US': z.locales.en() };

interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string>; current?: { state: string; version: number } };
}

function body(code: ErrorCode, message: string, fields?: Record<string, string>, current?: ErrorBody['error']['current']): ErrorBody {
  return { error: { code, message, ...(fields ? { fields } : {}), ...(current ? { current } : {}) } };
}

function valueAt(root: unknown, path: string[]): unknown {
  let v: unknown = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/** Renders zod issues per field in the request's language; a missing value reads "required". */
function zodFields(
  error: Extract<FastifyError, { validation?: unknown }> & { validation: { instancePath: string; keyword: string; message?: string; params: Record<string, unknown> }[] },
  request: FastifyRequest,
  locale: Locale,
): Record<string, string> {
  const context = (error as { validationContext?: string }).validationContext ?? 'body';
  const source = (request as unknown as Record<string, unknown>)[context];
  const fields: Record<string, string> = {};
  for (const v of error.validation) {
    const path = v.instancePath.split('/').filter(Boolean);
    const field = path.join('.') || context;
    if (fields[field]) continue;
    const input = path.length ? valueAt(source, path) : source;
    const missing = input === undefined || input === null || (typeof input === 'string' && input.trim() === '');
    if (missing && (v.keyword === 'invalid_type' || v.keyword === 'too_small')) {
      fields[field] = t(locale, 'field.required');
      continue;
    }
    // Shared schemas name their own message keys (e.g. `field.phone`) for rules zod cannot word well.
    if (v.message && v.message in MESSAGES) {
      fields[field] = t(locale, v.message as MessageKey);
      continue;
    }
    if (v.keyword === 'invalid_format' && v.params.format === 'regex') {
      fields[field] = t(locale, 'field.invalid');
      continue;
    }
    const bound = boundMessage(v.keyword, v.params, locale);
    if (bound) {
      fields[field] = bound;
      continue;
    }
    const issue = { code: v.keyword, path, input, ...v.params } as unknown as Parameters<
      ReturnType<typeof z.locales.en>['localeError']
    >[0];
    const text = zodLocales[locale].localeError(issue);
    fields[field] = (typeof text === 'string' ? text : text?.message) ?? v.message ?? t(locale, 'field.invalid');
  }
  return fields;
}

/** Product wording for length and range rules (zod's own wording reads like a type checker). */
function boundMessage(keyword: string, params: Record<string, unknown>, locale: Locale): string | null {
  if (keyword !== 'too_small' && keyword !== 'too_big') return null;
  const small = keyword === 'too_small';
  const limit = Number(small ? params.minimum : params.maximum);
  if (!Number.isFinite(limit)) return null;
  switch (params.origin) {
    case 'string':
      return t(locale, small ? 'field.minLength' : 'field.maxLength', { n: limit });
    case 'array':
    case 'set':
      return t(locale, small ? 'field.minItems' : 'field.maxItems', { n: limit });
    case 'number':
    case 'int':
    case 'bigint':
      return t(locale, small ? (params.inclusive === false ? 'field.above' : 'field.min') : params.inclusive === false ? 'field.below' : 'field.max', {
        n: limit,
      });
    default:
      return null;
  }
}

// Fastify's own client errors, mapped onto our codes.
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_CTP_INVALID_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_VALIDATION: 'VALIDATION_FAILED',
  FST_ERR_BAD_URL: 'BAD_REQUEST',
  FST_ERR_ASYNC_CONSTRAINT: 'BAD_REQUEST',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_REQ_FILE_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_PARTS_LIMIT: 'PAYLOAD_TOO_LARGE',
  FST_FILES_LIMIT: 'PAYLOAD_TOO_LARGE',
  FST_FIELDS_LIMIT: 'PAYLOAD_TOO_LARGE',
};

const CODE_MESSAGES = {
  PAYLOAD_TOO_LARGE: 'error.payloadTooLarge',
  UNSUPPORTED_MEDIA_TYPE: 'error.unsupportedMediaType',
  BAD_REQUEST: 'error.badRequest',
  VALIDATION_FAILED: 'error.validation',
  RATE_LIMITED: 'error.rateLimited',
} as const;

/**
 * Errors the router raises before any hook runs (an undecodable URL, a path parameter longer
 * than the router allows), in the same error body as every other error. Fastify's
 * `frameworkErrors` option.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const locale = pickLocale(request.headers['accept-language']);
  request.log.info({ code: error.code }, 'malformed url');
  void reply.status(ERROR_STATUS.BAD_REQUEST).send(body('BAD_REQUEST', t(locale, 'error.badRequest')));
}

/** An AppError's field problems in a language. */
function fieldTexts(error: AppError, locale: Locale): Record<string, string> | undefined {
  return error.fields ? Object.fromEntries(Object.entries(error.fields).map(([k, p]) => [k, 'text' in p ? p.text[locale] : t(locale, p.key, p.params)])) : undefined;
}

/**
 * An error as one line in a language, for a failure reported inside a 200 answer (one community
 * of a batch): an AppError's message with its field problems; anything else is the generic
 * internal error (the caller logs it).
 */
export function errorText(error: unknown, locale: Locale): string {
  if (!(error instanceof AppError)) return t(locale, 'error.internal');
  const message = t(locale, error.messageKey, error.params);
  const fields = Object.values(fieldTexts(error, locale) ?? {});
  if (!fields.length) return message;
  return locale === 'zh-CN' ? `${message}：${fields.join('；')}` : `${message}: ${fields.join('; ')}`;
}

/**
 * The one place where errors become HTTP responses: stable code, message in the request's
 * language, field messages, never a stack trace or SQL.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const locale = request.locale;
    if (error instanceof AppError) {
      const fields = fieldTexts(error, locale);
      if (error.code === 'TOO_MANY_ATTEMPTS') {
        const seconds = error.params.seconds !== undefined ? Number(error.params.seconds) : Number(error.params.minutes ?? 15) * 60;
        reply.header('retry-after', String(seconds));
      }
      return reply.status(error.status).send(body(error.code, t(locale, error.messageKey, error.params), fields, error.current));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      return reply
        .status(400)
        .send(body('VALIDATION_FAILED', t(locale, 'error.validation'), zodFields(error as never, request, locale)));
    }
    const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
    const status = error.statusCode ?? 500;
    if (mapped || (status >= 400 && status < 500)) {
      const code: ErrorCode = mapped ?? (status === 429 ? 'RATE_LIMITED' : status === 404 ? 'NOT_FOUND' : 'BAD_REQUEST');
      const key = code in CODE_MESSAGES ? CODE_MESSAGES[code as keyof typeof CODE_MESSAGES] : 'error.badRequest';
      return reply.status(ERROR_STATUS[code]).send(body(code, t(locale, key)));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(body('INTERNAL', t(locale, 'error.internal')));
  });
}
