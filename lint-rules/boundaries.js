// Wuye's module boundaries as ESLint rules (see docs/notes-lint.md).
//
// A local plugin rather than eslint-plugin-boundaries / import-x: the rules need the module graph
// of src/server/modules (not the file graph), which those plugins don't build, and the messages
// should say what to do in this codebase.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: this file lives in <root>/lint-rules/. */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MODULES_DIR = 'src/server/modules';

const toPosix = (p) => p.split(path.sep).join('/');

/** Path of a file relative to the root, with forward slashes. */
function rel(file) {
  return toPosix(path.relative(ROOT, file));
}

/** The module a root-relative path belongs to, or undefined outside src/server/modules/<name>/. */
function moduleOf(relPath) {
  const m = /^src\/server\/modules\/([^/]+)(\/|$)/.exec(relPath);
  return m ? m[1] : undefined;
}

/**
 * Test files and test kits set up fixtures and check raw rows across modules; they are not part
 * of the running server, so they are outside the boundary and cycle rules.
 */
function isTestSupport(relPath) {
  return /\.test\.tsx?$/.test(relPath) || /\/(test-kit|testing)\.ts$/.test(relPath);
}

/** Root-relative target of a relative import, or undefined for packages. */
function resolveSpecifier(fromFile, spec) {
  if (!spec.startsWith('./') && !spec.startsWith('../') && spec !== '.' && spec !== '..') return undefined;
  return rel(path.resolve(path.dirname(fromFile), spec)).replace(/\.(ts|tsx|js)$/, '');
}

/** Whether a root-relative import target is the public entry of its module. */
function isModuleEntry(target, mod) {
  const base = `${MODULES_DIR}/${mod}`;
  return target === base || target === `${base}/index`;
}

/** Calls `report(node, spec)` for every import, re-export and dynamic import in a file. */
function importVisitors(onImport) {
  const source = (node) => {
    if (node.source && typeof node.source.value === 'string') onImport(node.source, node.source.value);
  };
  return {
    ImportDeclaration: source,
    ExportNamedDeclaration: source,
    ExportAllDeclaration: source,
    ImportExpression: source,
  };
}

const boundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Modules use each other only through index.ts; the web and common code never import the server.' },
    schema: [],
    messages: {
      privateFile:
        "'{{spec}}' reaches into the {{target}} module's private files. Import from '{{entry}}' instead (the module's index.ts); if what you need is not there, add a function to {{target}}/index.ts that reads its own tables, never its tables, repository or commands directly.",
      webToServer:
        "'{{spec}}' imports server code into {{side}}. Move the contract (zod schema, type, enum, limit) to src/common/<domain>/ and import it from there on both sides.",
    },
  },
  create(context) {
    const file = context.physicalFilename ?? context.filename;
    const from = rel(file);
    const fromModule = moduleOf(from);
    const side = from.startsWith('src/web/') ? 'src/web' : from.startsWith('src/common/') ? 'src/common' : undefined;
    if (!fromModule && !side) return {};
    if (fromModule && isTestSupport(from)) return {};
    return importVisitors((node, spec) => {
      const target = resolveSpecifier(file, spec);
      if (!target) return;
      if (side && (target === 'src/server' || target.startsWith('src/server/') || (side === 'src/common' && target.startsWith('src/web/')))) {
        context.report({ node, messageId: 'webToServer', data: { spec, side } });
        return;
      }
      const targetModule = moduleOf(target);
      if (!fromModule || !targetModule || targetModule === fromModule) return;
      if (isModuleEntry(target, targetModule)) return;
      const entry = toPosix(path.relative(path.dirname(from), `${MODULES_DIR}/${targetModule}`));
      context.report({
        node,
        messageId: 'privateFile',
        data: { spec, target: targetModule, entry: entry.startsWith('.') ? entry : `./${entry}` },
      });
    });
  },
};

// The module graph of the files on disk, built once per lint run (per process).
let diskGraph;

const IMPORT_RE = /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s*)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function listTs(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listTs(p));
    else if (/\.tsx?$/.test(entry.name)) out.push(p);
  }
  return out;
}

/** Map module -> Map(targetModule -> a file of the module that imports it). */
function buildGraph() {
  const graph = new Map();
  const dir = path.join(ROOT, MODULES_DIR);
  if (!fs.existsSync(dir)) return graph;
  for (const file of listTs(dir)) {
    const from = rel(file);
    if (isTestSupport(from)) continue;
    const mod = moduleOf(from);
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT_RE)) {
      const target = resolveSpecifier(file, m[1] ?? m[2]);
      const to = target && moduleOf(target);
      if (!to || to === mod) continue;
      if (!graph.has(mod)) graph.set(mod, new Map());
      if (!graph.get(mod).has(to)) graph.get(mod).set(to, from);
    }
  }
  return graph;
}

/** A path of modules from `start` to `goal` in the graph (breadth first), or undefined. */
function findPath(graph, start, goal) {
  const prev = new Map([[start, undefined]]);
  const queue = [start];
  while (queue.length > 0) {
    const mod = queue.shift();
    if (mod === goal) {
      const route = [];
      for (let m = goal; m !== undefined; m = prev.get(m)) route.unshift(m);
      return route;
    }
    for (const next of graph.get(mod)?.keys() ?? []) {
      if (!prev.has(next)) {
        prev.set(next, mod);
        queue.push(next);
      }
    }
  }
  return undefined;
}

const noModuleCycles = {
  meta: {
    type: 'problem',
    docs: { description: 'No import cycle between the modules of src/server/modules, through any files.' },
    schema: [],
    messages: {
      cycle:
        "Import cycle between modules: {{cycle}} (back via {{via}}). Move the shared function into the module that owns the data, or let {{target}} expose a registration (callback) that {{module}} fills in, so only one side imports the other.",
    },
  },
  create(context) {
    const file = context.physicalFilename ?? context.filename;
    const from = rel(file);
    const fromModule = moduleOf(from);
    if (!fromModule || isTestSupport(from)) return {};
    diskGraph ??= buildGraph();
    const reported = new Set();
    return importVisitors((node, spec) => {
      const target = resolveSpecifier(file, spec);
      const to = target && moduleOf(target);
      if (!to || to === fromModule || reported.has(to)) return;
      const back = findPath(diskGraph, to, fromModule);
      if (!back) return;
      reported.add(to);
      const via = diskGraph.get(back[back.length - 2])?.get(fromModule) ?? '?';
      context.report({
        node,
        messageId: 'cycle',
        data: { cycle: [fromModule, ...back].join(' -> '), via, target: to, module: fromModule },
      });
    });
  },
};

export default {
  meta: { name: 'wuye' },
  rules: { boundaries, 'no-module-cycles': noModuleCycles },
};
