import { createHash, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { and, count, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Locale } from '../../../common/locale';
import type { Db, DbOrTx } from '../../db/client';
import { AppError, fieldError } from '../../errors';
import { t } from '../../i18n/messages';
import { queueOutbound } from '../outbound';
import { activeCommunityOrganization, activeOrganizationIds, homeCommunityOfPhone } from '../registry';
import { otpChallenges } from './tables';
import { inTransaction } from '../../db/transaction';

/** The rules of sign-in codes. */
export const OTP = {
  digits: 6,
  ttlSeconds: 5 * 60,
  maxWrongTries: 5,
  resendAfterSeconds: 60,
  perPhonePerHour: 5,
  perAddressPerHour: 20,
} as const;

const hashCode = (challengeId: string, code: string) => createHash('sha256').update(`${challengeId}:${code}`).digest('hex');

/** The company (and community, when the portal said) a portal request is for. */
export interface PortalScope {
  organizationId: string | null;
  communityId: string | null;
}

/**
 * Whose portal a request comes from: the community it was opened for (`/m/?c=<id>`), else the
 * only company on the server. With several companies and no community the request is refused
 * the same way for every phone, so the answer reveals nothing about the phone.
 */
export async function portalScope(tx: DbOrTx, communityId: string | undefined): Promise<PortalScope> {
  if (communityId) {
    const community = await activeCommunityOrganization(tx, communityId);
    if (!community) throw fieldError({ communityId: { key: 'error.notFound', params: { entity: 'entity.community' } } });
    return { organizationId: community.organizationId, communityId: community.id };
  }
  const orgs = await activeOrganizationIds(tx, 2);
  if (orgs.length > 1) throw fieldError({ communityId: { key: 'field.chooseCommunity' } });
  return { organizationId: orgs[0] ?? null, communityId: null };
}

/** The community a code message is sent for: the person's own in that company, else the portal's. */
async function senderCommunity(tx: DbOrTx, phone: string, scope: PortalScope & { organizationId: string }): Promise<string | null> {
  return scope.communityId ?? (await homeCommunityOfPhone(tx, scope.organizationId, phone));
}

/**
 * Issues a sign-in code for a phone and one company's portal: checks the resend wait and the
 * hourly caps (per phone and per address, 429), stores only the code's hash with the company and
 * community it is for, and queues the text message (the code masked in the stored row) in one
 * transaction. Known and unknown phones get the same answer.
 */
export async function requestCode(
  db: Db,
  input: { phone: string; communityId?: string; scope?: PortalScope; ip: string; locale: Locale },
  now = new Date(),
): Promise<void> {
  await inTransaction(db, async (tx) => {
    // One request per phone at a time, so two parallel requests cannot both pass the limits.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`otp:${input.phone}`}))`);
    const scope = input.scope ?? (await portalScope(tx, input.communityId));
    const hourAgo = new Date(now.getTime() - 3_600_000);
    const [last] = await tx
      .select({ createdAt: otpChallenges.createdAt })
      .from(otpChallenges)
      .where(eq(otpChallenges.phone, input.phone))
      .orderBy(desc(otpChallenges.createdAt))
      .limit(1);
    if (last) {
      const wait = Math.ceil(OTP.resendAfterSeconds - (now.getTime() - last.createdAt.getTime()) / 1000);
      if (wait > 0) throw new AppError('TOO_MANY_ATTEMPTS', 'error.otpResendTooSoon', { seconds: wait });
    }
    const [byPhone] = await tx.select({ n: count() }).from(otpChallenges).where(and(eq(otpChallenges.phone, input.phone), gt(otpChallenges.createdAt, hourAgo)));
    if ((byPhone?.n ?? 0) >= OTP.perPhonePerHour) throw new AppError('TOO_MANY_ATTEMPTS', 'error.otpPhoneHourlyCap', { seconds: 3600 });
    const [byAddress] = await tx.select({ n: count() }).from(otpChallenges).where(and(eq(otpChallenges.ip, input.ip), gt(otpChallenges.createdAt, hourAgo)));
    if ((byAddress?.n ?? 0) >= OTP.perAddressPerHour) throw new AppError('TOO_MANY_ATTEMPTS', 'error.otpAddressHourlyCap', { seconds: 3600 });

    // Codes older than a day count for nothing; dropping them keeps the table small.
    await tx.delete(otpChallenges).where(and(eq(otpChallenges.phone, input.phone), lt(otpChallenges.createdAt, new Date(now.getTime() - 86_400_000))));
    const id = randomUUID();
    const code = String(randomInt(0, 10 ** OTP.digits)).padStart(OTP.digits, '0');
    await tx.insert(otpChallenges).values({
      id,
      phone: input.phone,
      organizationId: scope.organizationId,
      communityId: scope.communityId,
      codeHash: hashCode(id, code),
      ip: input.ip,
      expiresAt: new Date(now.getTime() + OTP.ttlSeconds * 1000),
      createdAt: now,
    });
    if (scope.organizationId) {
      await queueOutbound(tx, {
        organizationId: scope.organizationId,
        communityId: await senderCommunity(tx, input.phone, { ...scope, organizationId: scope.organizationId }),
        channel: 'sms',
        to: input.phone,
        subject: t(input.locale, 'outbound.otpSubject'),
        body: t(input.locale, 'outbound.otp', { code }),
        entityType: 'otp_challenge',
        entityId: id,
        // Staff read the outbox: the code itself must never be stored or shown there.
        secrets: [code],
      });
    }
  });
}

/**
 * Checks a code against the phone's latest challenge for the same company's portal. A code asked
 * for one company (or one community) never opens another's. A wrong code uses up one of five
 * tries (the count is written even though the request fails); the right one is consumed and
 * cannot be reused.
 */
export async function verifyCode(db: Db, phone: string, code: string, scope: PortalScope, now = new Date()): Promise<void> {
  const [challenge] = scope.organizationId
    ? await db
        .select()
        .from(otpChallenges)
        .where(and(eq(otpChallenges.phone, phone), eq(otpChallenges.organizationId, scope.organizationId)))
        .orderBy(desc(otpChallenges.createdAt))
        .limit(1)
    : [];
  if (!challenge || challenge.consumedAt || challenge.expiresAt <= now || challenge.communityId !== scope.communityId) {
    throw fieldError({ code: { key: 'field.otpExpired' } });
  }
  if (challenge.attempts >= OTP.maxWrongTries) throw fieldError({ code: { key: 'field.otpLocked' } });
  const expected = Buffer.from(challenge.codeHash, 'hex');
  const given = Buffer.from(hashCode(challenge.id, code), 'hex');
  if (!timingSafeEqual(expected, given)) {
    const [row] = await db
      .update(otpChallenges)
      .set({ attempts: sql`${otpChallenges.attempts} + 1` })
      .where(eq(otpChallenges.id, challenge.id))
      .returning({ attempts: otpChallenges.attempts });
    const left = OTP.maxWrongTries - (row?.attempts ?? OTP.maxWrongTries);
    throw fieldError({ code: left > 0 ? { key: 'field.otpWrong', params: { left } } : { key: 'field.otpLocked' } });
  }
  const [consumed] = await db
    .update(otpChallenges)
    .set({ consumedAt: now })
    .where(and(eq(otpChallenges.id, challenge.id), isNull(otpChallenges.consumedAt), sql`${otpChallenges.attempts} < ${OTP.maxWrongTries}`))
    .returning({ id: otpChallenges.id });
  if (!consumed) throw fieldError({ code: { key: 'field.otpExpired' } });
}
