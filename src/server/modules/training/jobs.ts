import { and, asc, eq, gt, gte, isNull, lte, or } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { addDays } from '../../../common/registry';
import { CERTIFICATE_KIND_LABELS, CERTIFICATE_WARNING_DAYS } from '../../../common/training';
import type { Db } from '../../db/client';
import { inTransaction } from '../../db/transaction';
import { every } from '../../jobs/every';
import { localDateToday } from '../../work/staff-eligibility';
import { notifyRoles, notifyStaff } from '../notifications';
import { activeStaffMember } from '../registry';
import { staffCertificates } from './tables';

const BATCH = 200;

/**
 * Warns the holder and the project managers of their communities of every current certificate
 * that expires within CERTIFICATE_WARNING_DAYS days of `today`. Once per certificate and expiry
 * date (the notification's dedupe key), however often it runs, so a renewed certificate (a new
 * expiry) is warned about again. Returns the certificates looked at.
 */
export async function warnExpiringCertificates(db: Db, today = localDateToday()): Promise<number> {
  const until = addDays(today, CERTIFICATE_WARNING_DAYS);
  let seen = 0;
  let after: { expiresOn: string; id: string } | null = null;
  for (;;) {
    const cursor: { expiresOn: string; id: string } | null = after;
    const rows: (typeof staffCertificates.$inferSelect)[] = await db
      .select()
      .from(staffCertificates)
      .where(
        and(
          isNull(staffCertificates.archivedAt),
          gte(staffCertificates.expiresOn, today),
          lte(staffCertificates.expiresOn, until),
          cursor ? or(gt(staffCertificates.expiresOn, cursor.expiresOn), and(eq(staffCertificates.expiresOn, cursor.expiresOn), gt(staffCertificates.id, cursor.id))) : undefined,
        ),
      )
      .orderBy(asc(staffCertificates.expiresOn), asc(staffCertificates.id))
      .limit(BATCH);
    for (const c of rows) {
      await inTransaction(db, async (tx) => {
        const holder = await activeStaffMember(tx, c.organizationId, c.staffId);
        if (!holder) return;
        const n = {
          organizationId: c.organizationId,
          kind: 'due_soon',
          messageKey: 'notify.certificateExpiring' as const,
          params: { name: holder.name, kind: CERTIFICATE_KIND_LABELS[c.kind], number: c.number, expiresOn: c.expiresOn },
          entityType: 'staff_certificate',
          entityId: c.id,
          dedupeKey: `certificate-expiry:${c.id}:${c.expiresOn}`,
        };
        await notifyStaff(tx, [holder.id], n);
        for (const communityId of holder.communityIds) await notifyRoles(tx, ['project_manager'], { ...n, communityId });
      });
    }
    seen += rows.length;
    if (rows.length < BATCH) return seen;
    after = { expiresOn: rows.at(-1)!.expiresOn, id: rows.at(-1)!.id };
  }
}

/** Runs the certificate warning every `seconds` (hourly by default; each warning is sent once). */
export function startTrainingJobs(db: Db, log: FastifyBaseLogger, seconds = 3600): () => Promise<void> {
  return every(seconds, async () => {
    try {
      const seen = await warnExpiringCertificates(db);
      if (seen) log.info({ seen }, 'certificate expiry job');
    } catch (err) {
      log.error({ err }, 'certificate expiry job failed');
    }
  });
}
