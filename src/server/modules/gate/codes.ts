import { randomBytes, randomInt } from 'node:crypto';
import { CODE_ALPHABET, CODE_LENGTH } from '../../../common/gate';

/** An unguessable token for a QR code or a shared link (192 random bits). */
export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** A short code typed by hand at the gate; uniqueness per community is kept by an index. */
export function newCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/**
 * Inserts a row with a fresh code (and token) until the unique indexes accept it; a clash on a
 * six-character code is rare, so a few attempts always suffice.
 */
export async function insertWithCode<T>(insert: (code: string, token: string) => Promise<T | undefined>): Promise<T> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const row = await insert(newCode(), newToken());
    if (row) return row;
  }
  throw new Error('could not allocate a gate code');
}
