import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadInspectionLibrary, type InspectionLibrary } from './template';

/** Where the shipped inspection library lives. */
export const DEFAULT_INSPECTIONS_DIR = fileURLToPath(new URL('../../../../standards/inspections/', import.meta.url));

let dir = process.env.WUYE_INSPECTIONS_DIR ?? DEFAULT_INSPECTIONS_DIR;
let cached: InspectionLibrary | null = null;

/**
 * The shipped inspection library (`standards/inspections/`), loaded and checked once per
 * process; empty when the folder does not exist. A library file with problems stops the process
 * naming every problem, like the standards library.
 */
export function inspectionLibrary(): InspectionLibrary {
  cached ??= existsSync(dir) ? loadInspectionLibrary(dir) : { categories: new Map(), templates: new Map() };
  return cached;
}

/** Points the process at another library folder (tests use a small fixture library). */
export function useInspectionLibrary(folder: string): void {
  dir = folder;
  cached = null;
}
