import type { Target, DbKind } from '../lib/target';
import { intake } from './intake';
import { dashboard, list } from './list';
import { crash, twoInstancesBench } from './reliability';
import { bundle } from './bundle';
import { browser } from './browser';
import { sweep } from './sweep';
import { importXlsx } from './import';
import { inspections, qualityReport } from './quality';
import { arrears, billRun, deskPayment } from './fees';

export interface BenchContext {
  target: Target | null;
  scale: number;
  kind: DbKind;
  /** `--reload`: load the dataset again (benchmarks with their own dataset). */
  reload: boolean;
  log(s: string): void;
}
export interface Benchmark {
  /** False for benchmarks that bring their own database (bundle size, crash tests). */
  needsDataset?: boolean;
  /** A database the benchmark always runs on, whatever --db says. */
  db?: DbKind;
  run(ctx: BenchContext): Promise<void>;
}

export const BENCHMARKS: Record<string, Benchmark> = { intake, list, dashboard, sweep, import: importXlsx, crash, 'two-instances': twoInstancesBench, bundle, browser, inspections, 'quality-report': qualityReport, 'bill-run': billRun, 'desk-payment': deskPayment, arrears };
