import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app';
import { loadConfig } from './config';
import { createTestDatabase } from './test/test-app';

// The web app's files: pre-compressed bytes when the browser accepts them, a year's immutable
// caching for hashed assets, and HTML that is asked for again on every load.

let app: FastifyInstance;
let drop: () => Promise<void>;
let webDir: string;
const script = `console.log(${JSON.stringify('工单'.repeat(400))});\n`;

beforeAll(async () => {
  webDir = mkdtempSync(path.join(tmpdir(), 'wuye-web-'));
  mkdirSync(path.join(webDir, 'assets'));
  mkdirSync(path.join(webDir, 'm'));
  writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>console</title>');
  writeFileSync(path.join(webDir, 'm', 'index.html'), '<!doctype html><title>portal</title>');
  const asset = path.join(webDir, 'assets', 'main-AbC123.js');
  writeFileSync(asset, script);
  writeFileSync(`${asset}.br`, brotliCompressSync(script));
  writeFileSync(`${asset}.gz`, gzipSync(script));
  writeFileSync(path.join(webDir, 'assets', 'tiny-XyZ.css'), 'a{}');
  const db = await createTestDatabase();
  drop = db.drop;
  app = await buildApp({ config: { ...loadConfig({}), webDir, rateLimitPerMinute: 0 }, database: db.database, logger: false });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await drop?.();
  rmSync(webDir, { recursive: true, force: true });
});

const get = (url: string, encoding?: string) => app.inject({ method: 'GET', url, headers: encoding ? { 'accept-encoding': encoding } : {} });

describe('serving the web app', () => {
  it('sends a hashed asset brotli- or gzip-compressed as the browser accepts, cached for a year', async () => {
    const br = await get('/assets/main-AbC123.js', 'gzip, deflate, br');
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(script);

    const gz = await get('/assets/main-AbC123.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(script);

    const plain = await get('/assets/main-AbC123.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');

    // A file too small to be worth compressing is sent as it is, with the same caching.
    const tiny = await get('/assets/tiny-XyZ.css', 'br');
    expect(tiny.statusCode).toBe(200);
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('asks for the HTML entries again on every load, also for client-side routes of the console and the portal', async () => {
    for (const url of ['/', '/index.html', '/work-orders?queue=overdue', '/m/', '/m/requests']) {
      const res = await get(url, 'br');
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.body, url).toContain(url.startsWith('/m') ? 'portal' : 'console');
    }
    expect((await get('/assets/missing-123.js', 'br')).statusCode).not.toBe(200);
  });
});
