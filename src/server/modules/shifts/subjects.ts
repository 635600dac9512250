import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { tenantScope, type Actor } from '../../db/scope';
import { defineKind, registerKind } from '../../work/subjects';
import { postPolicy } from './policy';
import { shiftHandovers } from './tables';

/** Registers shift handovers with the work kernel: a read policy only (their guards' signatures are linked to them; they take no steps). */
export function registerShiftSubjects(): void {
  registerKind(defineKind({
    type: 'shift_handover',
    label: { 'zh-CN': '交接班', 'en-US': 'Shift handover' },
    async loadForRead(db: DbOrTx, actor: Actor, id: string) {
      const [row] = await db
        .select()
        .from(shiftHandovers)
        .where(and(eq(shiftHandovers.id, id), tenantScope(actor, { organizationId: shiftHandovers.organizationId, communityId: shiftHandovers.communityId })));
      if (!row || !postPolicy.can(actor, 'read', row)) return null;
      return { organizationId: row.organizationId, communityId: row.communityId, label: row.outgoingName, ownerView: false };
    },
  }));
}
