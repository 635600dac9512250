#!/usr/bin/env node
// Measures the owner portal's first load from the Vite build (dist/web/.vite/manifest.json): the
// gzipped JavaScript of the entry, everything it imports statically, and the heaviest page chunk
// it can open with (each page is its own lazy chunk). Budget: 110 kB (issue #16). Exit code 1 when over.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = path.resolve(import.meta.dirname, '..', 'dist', 'web');
const manifest = JSON.parse(readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8'));
const BUDGET = 110 * 1024;
const gz = (file) => gzipSync(readFileSync(path.join(dist, file))).length;

/** Chunk keys reachable through static imports. */
function closure(key, seen = new Set()) {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const dep of manifest[key].imports ?? []) closure(dep, seen);
  return seen;
}
const size = (keys) => [...keys].filter((k) => manifest[k].file.endsWith('.js')).reduce((n, k) => n + gz(manifest[k].file), 0);

const entry = 'm/index.html';
const base = closure(entry);
const pages = (manifest[entry].dynamicImports ?? []).map((key) => {
  const extra = new Set([...closure(key)].filter((k) => !base.has(k)));
  return { page: manifest[key].name ?? key, bytes: size(extra) };
});
const heaviest = pages.reduce((a, b) => (b.bytes > a.bytes ? b : a), { page: '(none)', bytes: 0 });
const first = size(base) + heaviest.bytes;
const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
console.log(`owner portal entry + static imports: ${kb(size(base))} gzipped`);
for (const p of pages) console.log(`  page chunk ${p.page}: +${kb(p.bytes)}`);
console.log(`first load (entry + heaviest page ${heaviest.page}): ${kb(first)} gzipped JS (budget ${kb(BUDGET)})`);
// A build made under NODE_ENV=test (e.g. by the browser tests) bundles React's development build.
if ([...base].some((k) => readFileSync(path.join(dist, manifest[k].file), 'utf8').includes('jsxDEV'))) {
  console.log('note: this is a development build of React (NODE_ENV was not production); measure after `npx vite build`');
}
const antd = [...base].some((k) => /antd|ant-design/.test(k));
if (antd) console.log('antd is part of the portal entry');
process.exit(first > BUDGET || antd ? 1 : 0);
