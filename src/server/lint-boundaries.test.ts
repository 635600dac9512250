import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ROOT_DIR } from './config';

// The lint configuration is part of the architecture (docs/notes-lint.md): these run ESLint's own
// API with the repository's eslint.config.js on synthetic code placed at real paths.
const eslint = new ESLint({ cwd: ROOT_DIR });
const OUR_RULES = new Set(['wuye/boundaries', 'wuye/no-module-cycles', 'no-restricted-syntax']);

async function problems(relPath: string, code: string, engine = eslint): Promise<Linter.LintMessage[]> {
  const [result] = await engine.lintText(code, { filePath: path.join(ROOT_DIR, relPath) });
  return (result?.messages ?? []).filter((m) => m.ruleId !== null && OUR_RULES.has(m.ruleId));
}

describe('module boundaries', () => {
  it("fails on an import of another module's tables, and says to use its index.ts", async () => {
    const found = await problems('src/server/modules/gate/lint-probe.ts', "import { communities } from '../registry/tables';\nexport const probe = communities;\n");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ ruleId: 'wuye/boundaries', line: 1 });
    expect(found[0]!.message).toContain("reaches into the registry module's private files. Import from '../registry' instead");
  });

  it("fails on another module's repository and commands too, from any depth", async () => {
    const found = await problems(
      'src/server/modules/gate/commands/lint-probe.ts',
      "import { findWorkOrder } from '../../work-orders/repository';\nimport { createStaff } from '../../registry/commands/create-staff';\nexport const probe = [findWorkOrder, createStaff];\n",
    );
    expect(found.map((m) => [m.ruleId, m.line])).toEqual([
      ['wuye/boundaries', 1],
      ['wuye/boundaries', 2],
    ]);
    expect(found[1]!.message).toContain("Import from '../../registry' instead");
  });

  it("passes an import of the module's index.ts (by folder or by file) and of the module's own files", async () => {
    const found = await problems(
      'src/server/modules/gate/lint-probe.ts',
      "import { communityById } from '../registry';\nimport { recordAudit } from '../audit/index';\nimport { gatePasses } from './tables';\nexport const probe = [communityById, recordAudit, gatePasses];\n",
    );
    expect(found).toEqual([]);
  });

  it('fails on a web import of server code, and points to src/common', async () => {
    const found = await problems(
      'src/web/pages/lint-probe.tsx',
      "import type { communityPageSchema } from '../../server/modules/registry/schemas';\nexport type Probe = typeof communityPageSchema;\n",
    );
    expect(found).toHaveLength(1);
    expect(found[0]!.ruleId).toBe('wuye/boundaries');
    expect(found[0]!.message).toContain('imports server code into src/web. Move the contract');
    expect(found[0]!.message).toContain('src/common/');
  });

  it('fails on a contract in src/common importing the server', async () => {
    const found = await problems('src/common/lint-probe.ts', "import { ERRORS } from '../server/http/route-kit';\nexport const probe = ERRORS;\n");
    expect(found.map((m) => m.ruleId)).toEqual(['wuye/boundaries']);
  });

  it('fails on an import cycle between modules, naming the way back', async () => {
    // work-orders already imports the registry (through its index), so this closes a cycle.
    const found = await problems('src/server/modules/registry/lint-probe.ts', "import { createWorkOrderIn } from '../work-orders';\nexport const probe = createWorkOrderIn;\n");
    expect(found).toHaveLength(1);
    expect(found[0]!.ruleId).toBe('wuye/no-module-cycles');
    expect(found[0]!.message).toContain('Import cycle between modules: registry -> work-orders -> registry');
    expect(found[0]!.message).toContain('Move the shared function into the module that owns the data');
  });

  it('passes an import that does not close a cycle', async () => {
    const found = await problems('src/server/modules/gate/lint-probe.ts', "import { createWorkOrderIn } from '../work-orders';\nexport const probe = createWorkOrderIn;\n");
    expect(found).toEqual([]);
  });
});

describe('one way into a transaction', () => {
  it('fails on .transaction( in a routes file, saying to call a command inside inTransaction', async () => {
    const found = await problems(
      'src/server/modules/registry/routes/lint-probe.ts',
      "import type { Db } from '../../../db/client';\nexport const probe = (db: Db) => db.transaction(async () => 1);\n",
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ ruleId: 'no-restricted-syntax', line: 2 });
    expect(found[0]!.message).toContain('Routes never open transactions');
    expect(found[0]!.message).toContain('inTransaction(db, (tx) => command(tx, ...))');
  });

  it('fails on .transaction( in a command, and passes inTransaction', async () => {
    const bad = await problems(
      'src/server/modules/registry/commands/lint-probe.ts',
      "import type { Db } from '../../../db/client';\nexport const probe = (db: Db) => db.transaction(async () => 1);\n",
    );
    expect(bad.map((m) => m.ruleId)).toEqual(['no-restricted-syntax']);
    const good = await problems(
      'src/server/modules/registry/routes/lint-probe.ts',
      "import type { Db } from '../../../db/client';\nimport { inTransaction } from '../../../db/transaction';\nexport const probe = (db: Db) => inTransaction(db, async () => 1);\n",
    );
    expect(good).toEqual([]);
  });
});

describe('the tree', () => {
  // Only the boundary and transaction rules, so linting every source file stays quick.
  const ours = new ESLint({ cwd: ROOT_DIR, ruleFilter: ({ ruleId }) => OUR_RULES.has(ruleId) });

  it('passes the boundary and transaction rules', async () => {
    const results = await ours.lintFiles(['src']);
    expect(results.length).toBeGreaterThan(300);
    const failures = results.flatMap((r) => r.messages.map((m) => `${path.relative(ROOT_DIR, r.filePath)}:${m.line} ${m.message}`));
    expect(failures).toEqual([]);
  }, 120_000);

  it('has no exceptions: the rule takes no list of tolerated reaches', async () => {
    // The owner portal's reads of the registry were the last reaches; the rule now refuses an
    // option that would let a file keep one.
    const [result] = await eslint.lintText("import { residents } from '../registry/tables';\nexport const probe = residents;\n", {
      filePath: path.join(ROOT_DIR, 'src/server/modules/portal/repository.ts'),
    });
    expect((result?.messages ?? []).map((m) => m.ruleId)).toContain('wuye/boundaries');
    const lenient = new ESLint({
      cwd: ROOT_DIR,
      overrideConfig: { files: ['src/**/*.{ts,tsx}'], rules: { 'wuye/boundaries': ['error', { debt: { 'src/server/modules/portal/repository.ts': ['src/server/modules/registry/tables'] } }] } },
    });
    await expect(lenient.lintText('export const probe = 1;\n', { filePath: path.join(ROOT_DIR, 'src/server/modules/portal/repository.ts') })).rejects.toThrow(/wuye\/boundaries/);
  }, 60_000);
});
