import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../db/scope';
import { defineKind, registerKind, type SubjectPlace } from '../../work/subjects';
import { gatePolicy, type GateAccess } from './policy';
import { decorationSubject, passSubject, slipSubject } from './step-kinds';
import { decorations, gatePasses, goodsSlips } from './tables';

type Readable = GateAccess & { id: string };

/** The place of a gate row if the actor may read it (host household or gate staff of its community). */
function place(actor: Actor, row: Readable | undefined, label: (row: Readable) => string): SubjectPlace | null {
  if (!row || !gatePolicy.can(actor, 'read', row)) return null;
  return { organizationId: row.organizationId, communityId: row.communityId, label: label(row), ownerView: actor.staffId === null };
}

/**
 * Registers passes, release slips and decorations with the work kernel, one object each: read
 * policy, table, step kind (`step-kinds.ts`) and number prefix. A validity limit's `onBreach`
 * step (an unused pass or slip expires) is taken by the kernel's breach path.
 */
export function registerGateSubjects(): void {
  registerKind(
    defineKind({
      type: 'gate_pass',
      label: { 'zh-CN': '通行证', 'en-US': 'Gate pass' },
      table: gatePasses,
      // 访客: the one source of pass numbers (FK20261122-0001), read by `kindNumber`.
      numberPrefix: 'FK',
      step: passSubject,
      async loadForRead(db: DbOrTx, actor: Actor, id: string) {
        if (!actor.organizationId) return null;
        const [row] = await db.select().from(gatePasses).where(and(eq(gatePasses.id, id), eq(gatePasses.organizationId, actor.organizationId)));
        return place(actor, row, () => row!.code);
      },
    }),
  );
  registerKind(
    defineKind({
      type: 'goods_slip',
      label: { 'zh-CN': '放行条', 'en-US': 'Goods-release slip' },
      table: goodsSlips,
      // 放行: FX20261122-0001.
      numberPrefix: 'FX',
      step: slipSubject,
      async loadForRead(db: DbOrTx, actor: Actor, id: string) {
        if (!actor.organizationId) return null;
        const [row] = await db.select().from(goodsSlips).where(and(eq(goodsSlips.id, id), eq(goodsSlips.organizationId, actor.organizationId)));
        return place(actor, row, () => row!.code);
      },
    }),
  );
  registerKind(
    defineKind({
      type: 'decoration',
      label: { 'zh-CN': '装修登记', 'en-US': 'Decoration' },
      table: decorations,
      step: decorationSubject,
      auditLabel: (row) => `${row.unitLabel} · ${row.company}`,
      async loadForRead(db: DbOrTx, actor: Actor, id: string) {
        if (!actor.organizationId) return null;
        const [row] = await db.select().from(decorations).where(and(eq(decorations.id, id), eq(decorations.organizationId, actor.organizationId)));
        return place(actor, row, () => `${row!.unitLabel} ${row!.company}`);
      },
    }),
  );
}
