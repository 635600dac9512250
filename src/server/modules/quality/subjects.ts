import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../db/scope';
import { defineKind, registerKind } from '../../work/subjects';
import { inspectionSubject } from './inspection-step';
import { qualityPolicy } from './policy';
import { rectificationSubject } from './rectification-step';
import { findInspection, findRectification } from './repository';
import { inspections, rectifications } from './tables';

/**
 * Registers inspections and rectifications with the work kernel, one object each: read policy
 * (their photos and signatures are linked to them and readable by exactly who may read them),
 * table, step kind and number prefix. An inspection window's `onBreach` step (missed) is taken
 * by the kernel's breach path, exactly once however many processes sweep.
 */
export function registerQualitySubjects(): void {
  registerKind(
    defineKind({
      type: 'inspection',
      label: { 'zh-CN': '品质检查', 'en-US': 'Inspection' },
      table: inspections,
      // 质检: the one source of inspection numbers (ZJ20261122-0001), read by `kindNumber`.
      numberPrefix: 'ZJ',
      step: inspectionSubject,
      async loadForRead(db: DbOrTx, actor: Actor, id: string) {
        const row = await findInspection(db, actor, id);
        if (!row || !qualityPolicy.can(actor, 'read', row)) return null;
        return { organizationId: row.organizationId, communityId: row.communityId, label: row.number, ownerView: false };
      },
    }),
  );
  registerKind(
    defineKind({
      type: 'rectification',
      label: { 'zh-CN': '整改', 'en-US': 'Rectification' },
      table: rectifications,
      // 整改: ZG20261122-0001.
      numberPrefix: 'ZG',
      step: rectificationSubject,
      async loadForRead(db: DbOrTx, actor: Actor, id: string) {
        const row = await findRectification(db, actor, id);
        if (!row || !qualityPolicy.can(actor, 'read', row)) return null;
        return { organizationId: row.organizationId, communityId: row.communityId, label: row.number, ownerView: false };
      },
    }),
  );
}
