import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../db/transaction';
import { createTestApp, TEST_DB, type TestApp } from '../../test/test-app';
import { linkToSubject } from '../../work/attachment-links';
import { attachmentLinks } from '../../work/tables';
import { organizations } from '../registry/tables';
import { buildCrew, jpegPhoto, upload, uploadAs, type Crew } from '../work-orders/test-kit';
import { purgeUnattachedUploads } from './purge';
import { attachments } from './tables';

let t: TestApp;
let crew: Crew;
beforeAll(async () => {
  t = await createTestApp();
  crew = await buildCrew(t, 'uploads');
});
afterAll(() => t.close());

/** Every file under the organization's upload folder (files and thumbnails). */
async function filesOnDisk(): Promise<string[]> {
  const root = path.join(t.app.config.uploadsDir, crew.org.org.id);
  const found: string[] = [];
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      if (entry.isDirectory()) await walk(path.join(dir, entry.name));
      else found.push(path.relative(t.app.config.uploadsDir, path.join(dir, entry.name)));
    }
  };
  await walk(root);
  return found.sort();
}

async function storedPaths(): Promise<string[]> {
  const rows = await t.database.db.select().from(attachments).where(eq(attachments.organizationId, crew.org.org.id));
  return rows.flatMap((r) => [r.storagePath, ...(r.thumbnailPath ? [r.thumbnailPath] : [])]).sort();
}

describe('uploads on disk', () => {
  it('removes a file refused after its bytes reached the disk (an image that does not decode)', async () => {
    const before = await filesOnDisk();
    // A JPEG header followed by garbage: sniffed as a photo, written, then refused by the decoder.
    const broken = Buffer.concat([(await jpegPhoto()).subarray(0, 200), Buffer.alloc(4000, 7)]);
    const { body, headers } = upload('broken.jpg', broken);
    const res = await crew.clients.tech.request('POST', '/api/v1/attachments', body, headers);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.fields.file).toBeTruthy();
    expect(await filesOnDisk()).toEqual(before);
  });

  it('refuses uploads past the company quota with a 413 naming the quota, in the caller language, and keeps nothing', async () => {
    const used = await uploadAs(crew.clients.tech);
    expect(used).toBeTruthy();
    const before = await filesOnDisk();
    await t.database.db.update(organizations).set({ storageQuotaBytes: 4 * 1024 }).where(eq(organizations.id, crew.org.org.id));
    try {
      const { body, headers } = upload('p.jpg', await jpegPhoto());
      const zh = await crew.clients.tech.request('POST', '/api/v1/attachments', body, { ...headers, 'accept-language': 'zh-CN' });
      expect(zh.statusCode, zh.body).toBe(413);
      expect(zh.json().error.code).toBe('STORAGE_QUOTA_EXCEEDED');
      expect(zh.json().error.message).toMatch(/配额 4 KB/);
      const en = await crew.clients.tech.request('POST', '/api/v1/attachments', body, { ...headers, 'accept-language': 'en-US' });
      expect(en.statusCode).toBe(413);
      expect(en.json().error.message).toMatch(/quota 4 KB/);
      expect(await filesOnDisk()).toEqual(before);
    } finally {
      await t.database.db.update(organizations).set({ storageQuotaBytes: null }).where(eq(organizations.id, crew.org.org.id));
    }
  });

  it('removes uploads linked to nothing after a day (row and file), keeps linked and fresh ones', async () => {
    const linked = await uploadAs(crew.clients.tech);
    const abandoned = await uploadAs(crew.clients.tech);
    const fresh = await uploadAs(crew.clients.tech);
    const db = t.database.db;
    await db.insert(attachmentLinks).values({ organizationId: crew.org.org.id, attachmentId: linked, subjectType: 'work_order', subjectId: crypto.randomUUID(), purpose: 'intake' });
    const twoDaysAgo = new Date(Date.now() - 48 * 3_600_000);
    for (const id of [linked, abandoned]) await db.update(attachments).set({ createdAt: twoDaysAgo }).where(eq(attachments.id, id));
    const [gone] = await db.select().from(attachments).where(eq(attachments.id, abandoned));

    const removed = await purgeUnattachedUploads(db, t.app.config.uploadsDir);
    expect(removed).toBeGreaterThanOrEqual(1);
    const left = new Set((await db.select({ id: attachments.id }).from(attachments)).map((r) => r.id));
    expect(left.has(abandoned)).toBe(false);
    expect(left.has(linked)).toBe(true);
    expect(left.has(fresh)).toBe(true);
    const disk = await filesOnDisk();
    expect(disk).not.toContain(gone!.storagePath);
    expect(disk).not.toContain(gone!.thumbnailPath);
    // What is left on disk is exactly what rows still name.
    expect(disk).toEqual(await storedPaths());
    const again = await crew.clients.tech.get(`/api/v1/attachments/${abandoned}`);
    expect(again.statusCode).toBe(404);
  });

  it('refuses to link a file the purge removed (nothing written), and the purge skips a file a step is linking', async () => {
    const db = t.database.db;
    const old = async () => {
      const id = await uploadAs(crew.clients.tech);
      await db.update(attachments).set({ createdAt: new Date(Date.now() - 48 * 3_600_000) }).where(eq(attachments.id, id));
      return id;
    };
    const subject = { type: 'work_order' as const, id: crypto.randomUUID(), organizationId: crew.org.org.id };
    const gone = await old();
    await purgeUnattachedUploads(db, t.app.config.uploadsDir);
    await expect(inTransaction(db, (tx) => linkToSubject(tx, subject, [gone], 'photos'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await db.select().from(attachmentLinks).where(eq(attachmentLinks.subjectId, subject.id))).toEqual([]);
    // Two connections only on PostgreSQL (PGlite has one): a step holding its files while the purge runs.
    if (TEST_DB !== 'postgres') return;
    const held = await old();
    let locked!: () => void;
    let release!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const released = new Promise<void>((r) => (release = r));
    const step = inTransaction(db, async (tx) => {
      await linkToSubject(tx, subject, [held], 'photos');
      locked();
      await released;
    });
    await isLocked;
    await purgeUnattachedUploads(db, t.app.config.uploadsDir);
    release();
    await step;
    expect(await db.select({ id: attachments.id }).from(attachments).where(eq(attachments.id, held))).toEqual([{ id: held }]);
    expect((await db.select().from(attachmentLinks).where(eq(attachmentLinks.subjectId, subject.id))).map((l) => l.attachmentId)).toEqual([held]);
  });
});
