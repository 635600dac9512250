import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { ROOT_DIR } from '../../src/server/config';
import { report, round } from '../lib/report';
import type { Benchmark } from '.';

const WEB = path.join(ROOT_DIR, 'dist/web');
/**
 * First-load budgets (gzipped JS, each file compressed on its own as the server sends it) per entry
 * directory: issue #16's goals, the console at most 250 kB, the owner portal (old phones) 110 kB.
 * The benchmark fails above them.
 */
export const BUDGETS_KB: Record<string, number> = { '': 250, 'm/': 110 };

/** Every index.html under dist/web, as paths relative to it ('' for the console, 'm/' for the portal). */
function entries(dir = WEB, rel = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (name === 'assets') continue;
    if (statSync(full).isDirectory()) out.push(...entries(full, `${rel}${name}/`));
    else if (name === 'index.html') out.push(rel);
  }
  return out;
}

/** The JS an entry loads before it can render: its module scripts and modulepreload links. */
export function firstLoadScripts(html: string, entryDir: string): string[] {
  const urls = new Set<string>();
  for (const m of html.matchAll(/<script[^>]*\stype="module"[^>]*\ssrc="([^"]+)"/g)) urls.add(m[1]!);
  for (const m of html.matchAll(/<link[^>]*\srel="modulepreload"[^>]*\shref="([^"]+)"/g)) urls.add(m[1]!);
  for (const m of html.matchAll(/<link[^>]*\shref="([^"]+)"[^>]*\srel="modulepreload"/g)) urls.add(m[1]!);
  return [...urls].map((u) => (u.startsWith('/') ? path.join(WEB, u) : path.join(WEB, entryDir, u)));
}

/** First-load gzipped JavaScript of every HTML entry of the built web app, against its budget. */
export const bundle: Benchmark = {
  needsDataset: false,
  async run({ log }) {
    // Always a fresh production build: dist/web may hold a development build (the browser tests
    // build under NODE_ENV=test, which bundles React's development code).
    log('building the web app (vite build)');
    const res = spawnSync('npx', ['vite', 'build'], { cwd: ROOT_DIR, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
    if (res.status !== 0) throw new Error('vite build failed');
    const rows = [];
    const over: string[] = [];
    for (const entry of entries()) {
      const scripts = firstLoadScripts(readFileSync(path.join(WEB, entry, 'index.html'), 'utf8'), entry);
      let raw = 0;
      let gz = 0;
      let br = 0;
      for (const file of scripts) {
        const data = readFileSync(file);
        raw += data.length;
        gz += gzipSync(data, { level: 9 }).length;
        br += brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
      }
      const budget = BUDGETS_KB[entry] ?? BUDGETS_KB['']!;
      const kb = gz / 1024;
      rows.push({ entry: `dist/web/${entry}index.html`, files: scripts.length, 'raw kB': round(raw / 1024), 'gzip kB': round(kb), 'brotli kB': round(br / 1024), 'budget kB': budget, 'ratio to budget': round(kb / budget, 2) });
      if (kb > budget) over.push(`${entry || 'console'}: ${round(kb)} kB > ${budget} kB`);
    }
    report('bundle', rows);
    if (over.length) throw new Error(`over budget: ${over.join('; ')}`);
  },
};
