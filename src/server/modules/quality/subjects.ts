import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../db/scope';
import { registerSubject } from '../../work/subjects';
import { qualityPolicy } from './policy';
import { findInspection, findRectification } from './repository';
import { registerQualityTimerEvents } from './timer-events';

/**
 * Registers inspections and rectifications with the work kernel (their photos and signatures are
 * linked to them and readable by exactly who may read them) and the inspection window's breach
 * step with the sweeper. Their step kinds for `runStep` are `inspectionSubject` and `rectificationSubject`.
 */
export function registerQualitySubjects(): void {
  registerQualityTimerEvents();
  registerSubject({
    type: 'inspection',
    label: { 'zh-CN': '品质检查', 'en-US': 'Inspection' },
    async loadForRead(db: DbOrTx, actor: Actor, id: string) {
      const row = await findInspection(db, actor, id);
      if (!row || !qualityPolicy.can(actor, 'read', row)) return null;
      return { organizationId: row.organizationId, communityId: row.communityId, label: row.number, ownerView: false };
    },
  });
  registerSubject({
    type: 'rectification',
    label: { 'zh-CN': '整改', 'en-US': 'Rectification' },
    async loadForRead(db: DbOrTx, actor: Actor, id: string) {
      const row = await findRectification(db, actor, id);
      if (!row || !qualityPolicy.can(actor, 'read', row)) return null;
      return { organizationId: row.organizationId, communityId: row.communityId, label: row.number, ownerView: false };
    },
  });
}
