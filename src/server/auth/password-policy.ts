import { zxcvbn, zxcvbnOptions } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { NEW_PASSWORD_MIN_LENGTH } from '../../common/portal';
import { fieldError, type FieldProblem } from '../errors';

// The common dictionaries ship with the product: the breached-password list (top passwords seen
// in public breaches), words, and keyboard layouts for patterns such as "qwertyuiop".
zxcvbnOptions.setOptions({ dictionary, graphs: adjacencyGraphs });
const BREACHED = new Set(dictionary.passwords.map((p) => p.toLowerCase()));

/** Scores below this (0–4) are refused as too easy to guess. */
const MIN_SCORE = 3;

/** What the person is known by; a password equal to or containing any of it is refused. */
export interface PasswordOwner {
  username?: string | null;
  phone?: string | null;
  displayName?: string | null;
}

/**
 * The problem of a new password, or null when it is acceptable: at least 10 characters, not in
 * the shipped breached-password list, not containing the username or phone, and not guessable
 * (zxcvbn score of 3 or more, counting the person's own names as guessable input). Existing
 * passwords are never re-checked, so older shorter ones keep signing in.
 */
export function passwordProblem(password: string, owner: PasswordOwner = {}): FieldProblem | null {
  if (password.length < NEW_PASSWORD_MIN_LENGTH) return { key: 'field.passwordTooShort', params: { min: NEW_PASSWORD_MIN_LENGTH } };
  const lower = password.toLowerCase();
  if (BREACHED.has(lower)) return { key: 'field.passwordBreached' };
  // Portal usernames are `m<phone>`: the phone is checked on its own as well.
  const personal = [owner.username, owner.username?.replace(/^m(?=\d)/, ''), owner.phone, owner.displayName]
    .filter((v): v is string => !!v && v.length >= 3)
    .map((v) => v.toLowerCase());
  if (personal.some((v) => lower.includes(v))) return { key: 'field.passwordPersonal' };
  if (zxcvbn(password, personal).score < MIN_SCORE) return { key: 'field.passwordWeak' };
  return null;
}

/** Throws a 400 naming `field` when the new password breaks the rules of `passwordProblem`. */
export function assertNewPassword(field: string, password: string, owner: PasswordOwner = {}): void {
  const problem = passwordProblem(password, owner);
  if (problem) throw fieldError({ [field]: problem });
}

/** A temporary password for an admin's reset: 16 characters of an alphabet without look-alikes. */
export function temporaryPassword(randomIndex: (max: number) => number): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789';
  let out = '';
  for (let i = 0; i < 16; i++) out += alphabet[randomIndex(alphabet.length)];
  return out.replace(/(.{4})(?!$)/g, '$1-');
}
