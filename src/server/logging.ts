import type { FastifyRequest } from 'fastify';

/**
 * The one redaction policy of the server log (PIPL: personal data stays out of logs):
 * - phones are masked to their last four digits, ID numbers to their last four characters;
 * - URLs lose their secrets: shared-pass tokens in paths and the values of query parameters that
 *   carry search terms, phones, tokens or codes;
 * - SQL errors keep the statement but never its parameters, and no database error `detail`
 *   (PostgreSQL repeats the offending values there);
 * - message bodies, sign-in codes and tokens are never passed to the logger in the first place
 *   (the outbound channel logs only the channel and the masked recipient).
 * `maskingStream` is the safety net under all of it: every line written to the log is scanned once
 * more for phone and ID-number patterns.
 */

/** Mainland mobile numbers not glued to other digits. */
const PHONE = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;
/** Resident ID numbers (18 characters, last may be X). */
const ID_NUMBER = /(?<![\dA-Za-z])\d{6}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(\d{3}[\dXx])(?![\dA-Za-z])/g;

/** `13812345678` -> `138****5678`; an ID number -> `**************123X`. */
export function maskPersonalData(text: string): string {
  return text.replace(ID_NUMBER, '**************$1').replace(PHONE, '$1****$2');
}

/** Query parameters whose values are personal or secret. */
const SECRET_QUERY = new Set(['q', 'phone', 'token', 'code', 'search', 'name', 'plate', 'idnumber', 'password']);
/** Path segments following these segments are secrets (shared-pass tokens). */
const SECRET_AFTER = new Set(['shared-passes', 'pass']);

/** A URL as it may be logged: secret path segments and sensitive query values replaced by `***`. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const segments = path.split('/');
  for (let i = 1; i < segments.length; i++) {
    if (SECRET_AFTER.has(segments[i - 1]!) && segments[i]) segments[i] = '***';
  }
  let out = segments.join('/');
  if (q !== -1) {
    const params = url
      .slice(q + 1)
      .split('&')
      .map((pair) => {
        const eq = pair.indexOf('=');
        const key = eq === -1 ? pair : pair.slice(0, eq);
        return eq !== -1 && SECRET_QUERY.has(safeDecode(key).toLowerCase()) ? `${key}=***` : pair;
      });
    out += `?${params.join('&')}`;
  }
  return maskPersonalData(out);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

type LoggableError = {
  [key: string]: unknown;
  type: string;
  message: string;
  code?: string;
  stack: string;
  cause?: LoggableError;
};

/**
 * An error as it may be logged: drizzle's "Failed query: … params: …" keeps the statement and
 * drops the parameters; PostgreSQL's `detail`, `where` and parameter lists are left out.
 */
export function serializeError(err: unknown, depth = 0): LoggableError {
  if (!(err instanceof Error)) return { type: typeof err, message: maskPersonalData(String(err)), stack: '' };
  let message = err.message;
  const paramsAt = message.indexOf('\nparams:');
  if (message.startsWith('Failed query:') && paramsAt !== -1) message = `${message.slice(0, paramsAt)}\nparams: [redacted]`;
  const out: LoggableError = { type: err.name, message: maskPersonalData(message), stack: '' };
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') out.code = code;
  // The stack's first line repeats the message (and with it the parameters): keep the frames.
  const frames = (err.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at '));
  out.stack = [`${err.name}: ${out.message.split('\n')[0]}`, ...frames].join('\n');
  if (err.cause !== undefined && depth < 3) out.cause = serializeError(err.cause, depth + 1);
  return out;
}

/** Pino serializers of the server: requests with redacted URLs, errors without SQL parameters. */
export const logSerializers = {
  req(req: FastifyRequest) {
    return { method: req.method, url: redactUrl(req.url), remoteAddress: req.ip };
  },
  err: serializeError,
};

/** A log destination that masks personal data in every line, written synchronously to `target`. */
export function maskingStream(target: { write(line: string): unknown } = process.stdout): { write(line: string): void } {
  return {
    write(line: string) {
      target.write(maskPersonalData(line));
    },
  };
}

/**
 * A shared-pass token: 32 base64url characters with upper and lower case letters and digits. A
 * built asset's file name (a chunk's name and hash, e.g. `ExclamationCircleFilled-ytzR8XpD.js`)
 * has the same shape but ends in a file extension, which a token in a path or query never does.
 */
const TOKEN = /(?<![A-Za-z0-9_-])(?=[A-Za-z0-9_-]{0,31}[A-Z])(?=[A-Za-z0-9_-]{0,31}[a-z])(?=[A-Za-z0-9_-]{0,31}\d)[A-Za-z0-9_-]{32}(?![A-Za-z0-9_-]|\.(?:js|mjs|css|map|woff2?|svg|png|webp|ico)\b)/g;
/** A six-digit code next to a word that names it. */
const SIGN_IN_CODE = /(?:code|验证码|otp)[^\d\n]{0,6}\d{6}(?!\d)/gi;

/**
 * Personal data and secrets found in a text (a log file): full phones, ID numbers, pass tokens and
 * sign-in codes, each shown masked so the report itself leaks nothing.
 */
export function findPersonalData(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(new RegExp(PHONE.source, 'g'))) found.push(`phone ${m[1]}****${m[2]}`);
  for (const m of text.matchAll(new RegExp(ID_NUMBER.source, 'g'))) found.push(`ID number ****${m[1]}`);
  for (const m of text.matchAll(TOKEN)) found.push(`token ${m[0].slice(0, 4)}…`);
  for (const m of text.matchAll(SIGN_IN_CODE)) found.push(`sign-in code ${m[0].slice(0, -6)}******`);
  return found;
}
