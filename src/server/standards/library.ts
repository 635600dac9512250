import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { calendarSchema, type CalendarConfig } from './calendar';
import {
  localizedTextSchema,
  serviceLevelSchema,
  SERVICE_LEVELS,
  standardKeySchema,
  type ServiceLevel,
  type ServiceStandard,
} from './definition';
import type { ProblemParams, StandardProblem } from './problems';
import { checkStandard } from './validate-standard';

/**
 * The default standards library: the YAML files in `standards/` at the repository root.
 * `levels.yaml` lists the service levels, `calendar.yaml` is the default business calendar and
 * every other file is one service standard named after its key (`repair.yaml` holds `repair`).
 */

/** Folder of the default library (repository root `standards/`). */
export const DEFAULT_STANDARDS_DIR = fileURLToPath(new URL('../../../standards/', import.meta.url));

const serviceEntrySchema = z
  .object({
    key: standardKeySchema,
    name: localizedTextSchema,
  })
  .strict();

export const serviceLevelDefinitionSchema = z
  .object({
    key: serviceLevelSchema,
    name: localizedTextSchema,
    description: localizedTextSchema,
    /** Services this level adds to the levels before it. */
    services: z.array(serviceEntrySchema),
  })
  .strict();
export type ServiceLevelDefinition = z.infer<typeof serviceLevelDefinitionSchema>;
export type ServiceEntry = z.infer<typeof serviceEntrySchema>;

/** Zod schema of `levels.yaml`. */
export const levelsFileSchema = z
  .object({ levels: z.array(serviceLevelDefinitionSchema).length(SERVICE_LEVELS.length) })
  .strict()
  .superRefine((file, ctx) => {
    file.levels.forEach((level, i) => {
      if (level.key !== SERVICE_LEVELS[i]) {
        ctx.addIssue({ code: 'custom', path: ['levels', i, 'key'], message: `Expected level "${SERVICE_LEVELS[i]}" here` });
      }
    });
    const seen = new Set<string>();
    file.levels.forEach((level, i) =>
      level.services.forEach((service, j) => {
        if (seen.has(service.key)) {
          ctx.addIssue({ code: 'custom', path: ['levels', i, 'services', j, 'key'], message: `Service "${service.key}" is listed twice` });
        }
        seen.add(service.key);
      }),
    );
  });

export interface StandardsLibrary {
  levels: ServiceLevelDefinition[];
  calendar: CalendarConfig;
  standards: ReadonlyMap<string, ServiceStandard>;
}

/** A problem of one file of the library. */
export interface LibraryProblem extends StandardProblem {
  file: string;
}

/** Thrown when the library does not load; lists every problem of every file. */
export class StandardsLibraryError extends Error {
  constructor(readonly problems: LibraryProblem[]) {
    super(
      `The standards library has ${problems.length} problem(s):\n` +
        problems.map((p) => `  ${p.file} ${p.path}: ${p.code} ${JSON.stringify(p.params)}`).join('\n'),
    );
    this.name = 'StandardsLibraryError';
  }
}

function zodProblems(file: string, error: z.ZodError): LibraryProblem[] {
  return error.issues.map((issue) => ({
    file,
    path: issue.path.map(String).join('.'),
    code: 'invalid_value',
    params: { message: issue.message },
  }));
}

/** Services offered at a level: its own plus those of every lower level. */
export function servicesAtLevel(library: Pick<StandardsLibrary, 'levels'>, level: ServiceLevel): ServiceEntry[] {
  return library.levels.filter((l) => l.key <= level).flatMap((l) => l.services);
}

/**
 * Loads and validates every YAML file of a library folder. Throws `StandardsLibraryError` with
 * all problems found (schema, semantic and cross-file) instead of stopping at the first.
 */
export function loadLibrary(dir: string = DEFAULT_STANDARDS_DIR): StandardsLibrary {
  const problems: LibraryProblem[] = [];
  const fail = (file: string, path: string, code: StandardProblem['code'], params: ProblemParams) =>
    problems.push({ file, path, code, params });
  let levels: ServiceLevelDefinition[] = [];
  let calendar: CalendarConfig | undefined;
  const standards = new Map<string, ServiceStandard>();

  const files = readdirSync(dir)
    .filter((f) => ['.yaml', '.yml'].includes(extname(f)))
    .sort();
  for (const file of files) {
    let data: unknown;
    try {
      data = parseYaml(readFileSync(join(dir, file), 'utf8'));
    } catch (error) {
      fail(file, '', 'invalid_value', { message: error instanceof Error ? error.message : String(error) });
      continue;
    }
    const name = basename(file, extname(file));
    if (name === 'levels') {
      const parsed = levelsFileSchema.safeParse(data);
      if (parsed.success) levels = parsed.data.levels;
      else problems.push(...zodProblems(file, parsed.error));
    } else if (name === 'calendar') {
      const parsed = calendarSchema.safeParse(data);
      if (parsed.success) calendar = parsed.data;
      else problems.push(...zodProblems(file, parsed.error));
    } else {
      const checked = checkStandard(data);
      if (!checked.ok) {
        problems.push(...checked.problems.map((p) => ({ ...p, file })));
        continue;
      }
      if (checked.standard.key !== name) fail(file, 'key', 'invalid_value', { message: `The key must be "${name}", as the file name` });
      standards.set(checked.standard.key, checked.standard);
    }
  }

  if (levels.length === 0) fail('levels.yaml', '', 'invalid_value', { message: 'levels.yaml is missing or invalid' });
  if (!calendar) fail('calendar.yaml', '', 'invalid_value', { message: 'calendar.yaml is missing or invalid' });
  for (const standard of standards.values()) {
    const level = levels.find((l) => l.services.some((s) => s.key === standard.key));
    if (levels.length > 0 && level?.key !== standard.minLevel) {
      fail(`${standard.key}.yaml`, 'minLevel', 'invalid_value', {
        message: `levels.yaml lists "${standard.key}" under level ${level?.key ?? 'none'}, the standard says ${standard.minLevel}`,
      });
    }
  }
  if (problems.length > 0 || !calendar) throw new StandardsLibraryError(problems);
  return { levels, calendar, standards };
}

/** Loads the default library shipped in `standards/`. */
export function loadDefaultLibrary(): StandardsLibrary {
  return loadLibrary(DEFAULT_STANDARDS_DIR);
}
