import { and, asc, eq, inArray, ne, or } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import type { Actor } from '../db/scope';
import { notFound, type FieldProblem } from '../errors';
import type { MessageKey } from '../i18n/messages';
import { attachments } from '../modules/attachments/tables';
import { readableSubject, type SubjectType } from './subjects';
import { attachmentLinks } from './tables';

export type AttachmentRow = typeof attachments.$inferSelect;
export type AttachmentKind = AttachmentRow['kind'];

/** A subject files are linked to. */
export interface LinkSubject {
  type: SubjectType;
  id: string;
  organizationId: string;
}

/** What a step links: the ids, the request field they came from and the kinds it accepts. */
export interface AttachmentCheck {
  ids: string[];
  /** Request field named in problems: `photoIds.1`, or `signatureId` when `single`. */
  field: string;
  kinds: AttachmentKind[];
  single?: boolean;
  /** Links to this subject are not "used elsewhere" (a step adding photos to its own subject). */
  subject?: { type: SubjectType; id: string } | null;
  /** Only the caller's own uploads (drawn signatures, photos taken at the gate). */
  ownUploadOnly?: boolean;
  /** Problem key for someone else's upload (default: not found). */
  notOwnKey?: MessageKey;
}

/**
 * Checks that each id is an attachment of the actor's organization, of an accepted kind, not
 * yet linked to another subject (and the caller's own upload where asked); returns field
 * problems for the rest, keyed by the request field. A file the actor may not open answers like
 * a random id: "linked elsewhere" or "wrong kind" would tell that it exists (a photo of another
 * community's order).
 */
export async function checkAttachments(tx: DbOrTx, actor: Actor, check: AttachmentCheck): Promise<Record<string, FieldProblem>> {
  const problems: Record<string, FieldProblem> = {};
  if (!check.ids.length) return problems;
  const rows = actor.organizationId
    ? await tx.select().from(attachments).where(and(inArray(attachments.id, check.ids), eq(attachments.organizationId, actor.organizationId)))
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const linkedElsewhere = new Set(
    rows.length
      ? (
          await tx
            .select({ id: attachmentLinks.attachmentId })
            .from(attachmentLinks)
            .where(
              and(
                inArray(attachmentLinks.attachmentId, rows.map((r) => r.id)),
                check.subject ? or(ne(attachmentLinks.subjectType, check.subject.type), ne(attachmentLinks.subjectId, check.subject.id)) : undefined,
              ),
            )
        ).map((r) => r.id)
      : [],
  );
  check.ids.forEach((id, i) => {
    const key = check.single ? check.field : `${check.field}.${i}`;
    const row = byId.get(id);
    if (!row) problems[key] = { key: 'error.notFound', params: { entity: 'entity.attachment' } };
    else if (check.ownUploadOnly && row.uploaderUserId !== actor.userId) {
      problems[key] = check.notOwnKey ? { key: check.notOwnKey } : { key: 'error.notFound', params: { entity: 'entity.attachment' } };
    } else if (!check.kinds.includes(row.kind)) problems[key] = { key: 'field.attachmentKind' };
    else if (linkedElsewhere.has(id)) problems[key] = { key: 'field.attachmentLinked' };
  });
  for (const [i, id] of check.ids.entries()) {
    const key = check.single ? check.field : `${check.field}.${i}`;
    const problem = problems[key];
    if (problem && !('key' in problem && problem.key === 'error.notFound') && !(await readableAttachment(tx, actor, id))) {
      problems[key] = { key: 'error.notFound', params: { entity: 'entity.attachment' } };
    }
  }
  return problems;
}

/**
 * Links checked attachments to a subject (inside the step's transaction); linking twice is a
 * no-op. The files are locked (`for share`) first: the purge of unattached uploads skips a file a
 * step is linking, and a file the purge removed in the meantime fails the step (404, nothing
 * written) instead of leaving a link to nothing.
 */
export async function linkToSubject(tx: DbOrTx, subject: LinkSubject, ids: string[], purpose: string, at?: Date): Promise<void> {
  if (!ids.length) return;
  const present = await tx.select({ id: attachments.id }).from(attachments).where(inArray(attachments.id, ids)).for('share');
  if (present.length < new Set(ids).size) throw notFound('entity.attachment');
  await tx
    .insert(attachmentLinks)
    .values(ids.map((attachmentId) => ({ organizationId: subject.organizationId, attachmentId, subjectType: subject.type, subjectId: subject.id, purpose, ...(at ? { linkedAt: at } : {}) })))
    .onConflictDoNothing();
}

/** The files linked to a subject with the record each serves, oldest upload first. */
export async function attachmentsOfSubject(db: DbOrTx, subject: { type: SubjectType; id: string }): Promise<Array<AttachmentRow & { purpose: string }>> {
  const rows = await db
    .select({ file: attachments, purpose: attachmentLinks.purpose })
    .from(attachmentLinks)
    .innerJoin(attachments, eq(attachments.id, attachmentLinks.attachmentId))
    .where(and(eq(attachmentLinks.subjectType, subject.type), eq(attachmentLinks.subjectId, subject.id)))
    .orderBy(asc(attachments.createdAt), asc(attachments.id));
  return rows.map((r) => ({ ...r.file, purpose: r.purpose }));
}

/**
 * The attachment if the actor may open it: its uploader while it is linked to nothing; once
 * linked, whoever may read any subject it is linked to (each kind's registered read policy).
 * Null otherwise, which callers answer with 404 like a missing file.
 */
export async function readableAttachment(db: DbOrTx, actor: Actor, id: string): Promise<AttachmentRow | null> {
  if (!actor.organizationId) return null;
  const [row] = await db.select().from(attachments).where(and(eq(attachments.id, id), eq(attachments.organizationId, actor.organizationId)));
  if (!row) return null;
  const links = await db.select({ type: attachmentLinks.subjectType, id: attachmentLinks.subjectId }).from(attachmentLinks).where(eq(attachmentLinks.attachmentId, id));
  if (!links.length) return row.uploaderUserId === actor.userId ? row : null;
  for (const link of links) {
    if (await readableSubject(db, actor, link)) return row;
  }
  return null;
}
