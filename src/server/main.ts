import { createInterface } from 'node:readline/promises';
import { Command } from 'commander';
import { buildApp } from './app';
import { loadConfig, VERSION, type AppConfig } from './config';
import { openDatabase, type Database } from './db/client';
import { inTransaction } from './db/transaction';
import { lockDataDir } from './db/data-dir-lock';
import { prepareDatabase } from './db/prepare';
import { demoLoginsText, hasDemoData, seedDemo } from './seed/demo';
import { backup, restore } from './cli/backup';
import { systemContext } from './auth/context';
import { createUser } from './auth/commands/create-user';
import { passwordProblem } from './auth/password-policy';
import { NEW_PASSWORD_MIN_LENGTH } from '../common/portal';
import { t } from './i18n/messages';
import { createOrganization } from './modules/registry/commands/create-organization';
import { organizations } from './modules/registry/tables';
import { startSweeper } from './modules/standards/sweeper';
import { startAutoAdvance } from './modules/work-orders/commands/auto-advance';
import { startDayCountFold } from './modules/work-orders/day-counts';
import { startPatrolJobs } from './modules/patrol/commands/job';
import { startFeeReminderJob, startLateFeeJob } from './modules/fees';
import { startQualityJobs } from './modules/quality';
import { startTrainingJobs } from './modules/training';
import { startOutboundDelivery } from './modules/outbound/deliver';
import { outboundChannels } from './modules/outbound/routes';
import { registerAllSubjects } from './modules/subjects';
import { startDataJobs } from './modules/privacy';

/** Opens the configured database (locking the embedded store) and brings its schema up to date. */
async function open(config: AppConfig): Promise<Database & { release(): Promise<void> }> {
  // Every command sees the kinds of work the app serves (sweeps, seeding), not only `serve`.
  registerAllSubjects();
  const unlock = config.databaseUrl ? () => undefined : lockDataDir(config.dataDir);
  try {
    const database = await openDatabase({ databaseUrl: config.databaseUrl, readUrls: config.databaseReadUrls, dataDir: config.dataDir, poolSize: config.databasePoolSize });
    await prepareDatabase(database);
    return Object.assign(database, {
      release: async () => {
        await database.close();
        unlock();
      },
    });
  } catch (err) {
    unlock();
    throw err;
  }
}

async function serve(): Promise<void> {
  const config = loadConfig();
  const database = await open(config);
  if (database.kind === 'pglite') {
    const [anyOrg] = await database.db.select({ id: organizations.id }).from(organizations).limit(1);
    if (!anyOrg) {
      console.log('Empty embedded database: loading the demo data (wuye seed --demo) ...');
      await seedDemo(database);
      console.log(demoLoginsText());
    }
  }
  const app = await buildApp({ config, database });
  const stopSweeper = startSweeper(database.db, app.log, config.sweepSeconds);
  // Work orders that advance by themselves, and owner messages queued while a process was down.
  const stopAutoAdvance = startAutoAdvance(database.db, app.log, config.sweepSeconds);
  // The dashboard's daily roll-up: deltas of the last minute folded into the day totals.
  const stopDayCounts = startDayCountFold(database.db, app.log, 60);
  const stopOutbound = startOutboundDelivery(database.db, outboundChannels(app), app.log, config.sweepSeconds);
  // Patrol rounds from the plans, and checkpoints whose window closed without a check-in.
  const stopPatrol = startPatrolJobs(database.db, app.log, config.sweepSeconds);
  // Inspections from the inspection plans (a missed one is closed by its window's breach).
  const stopQuality = startQualityJobs(database.db, app.log, config.sweepSeconds);
  // Certificates expiring within 30 days: holder and managers warned once per expiry, hourly.
  const stopTraining = startTrainingJobs(database.db, app.log);
  // PIPL retention of visitor records and removal of uploads never attached, hourly.
  const stopData = startDataJobs(database.db, config.uploadsDir, app.log);
  // Arrears reminders of the communities that turned them on, once per home and day at most.
  const stopFeeReminders = startFeeReminderJob(database.db, app.log);
  // Late fees of the communities that turned them on, posted at most once per charge and day.
  const stopLateFees = startLateFeeJob(database.db, app.log);
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await stopSweeper();
    await stopAutoAdvance();
    await stopDayCounts();
    await stopOutbound();
    await stopPatrol();
    await stopQuality();
    await stopTraining();
    await stopData();
    await stopFeeReminders();
    await stopLateFees();
    await app.close();
    await database.release();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  console.log(`Wuye ${VERSION} on ${database.kind}: http://localhost:${config.port}  (API docs: /api/docs)`);
}

async function ask(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await rl.question(question)).trim();
  } finally {
    rl.close();
  }
}

const program = new Command('wuye')
  .description('Wuye property-management service platform')
  .version(VERSION)
  .addHelpText(
    'after',
    '\nEnvironment: DATABASE_URL (PostgreSQL; default: embedded store), DATABASE_READ_URL (streaming replicas for lists and reports, comma-separated), WUYE_DATA_DIR (embedded data, default ./data), PORT (default 3000).',
  );

program.command('serve').description('run the web server (migrates first; seeds demo data into an empty embedded store)').action(serve);

program
  .command('migrate')
  .description('bring the database schema up to date')
  .action(async () => {
    const database = await open(loadConfig());
    await database.release();
    console.log('Migrations applied.');
  });

program
  .command('seed')
  .description('load data through the product’s own commands')
  .requiredOption('--demo', 'the demo company (one community, 6 buildings, 336 units, staff, demo logins)')
  .action(async () => {
    const database = await open(loadConfig());
    try {
      if (await hasDemoData(database)) {
        console.log('The demo company already exists; nothing loaded.');
        return;
      }
      await seedDemo(database);
      console.log(demoLoginsText());
    } finally {
      await database.release();
    }
  });

program
  .command('admin')
  .description('manage administrator accounts')
  .command('create')
  .description('create a company admin (with a new company) or a platform admin')
  .requiredOption('--username <name>', 'login name')
  .option('--name <displayName>', 'display name (default: the username)')
  .option('--password <password>', `at least ${NEW_PASSWORD_MIN_LENGTH} characters, not a common or breached password (default: asked for, or WUYE_ADMIN_PASSWORD)`)
  .option('--org-name <company>', 'create this property company and make the user its admin')
  .option('--platform', 'make a platform admin (all companies) instead')
  .action(async (opts: { username: string; name?: string; password?: string; orgName?: string; platform?: boolean }) => {
    if (!opts.platform && !opts.orgName) throw new Error('Give --org-name <company> or --platform.');
    const password = opts.password ?? process.env.WUYE_ADMIN_PASSWORD ?? (await ask('Password: '));
    // The first admin holds every key of the company: the same password rules as any new password.
    const problem = passwordProblem(password, { username: opts.username, displayName: opts.name });
    if (problem) throw new Error(`Password refused: ${'key' in problem ? t('en-US', problem.key, problem.params) : problem.text['en-US']}`);
    const database = await open(loadConfig());
    try {
      const user = await inTransaction(database.db, async (tx) => {
        const org = opts.platform ? null : await createOrganization(tx, systemContext(), { name: opts.orgName! });
        return createUser(tx, systemContext(org?.id ?? null), {
          organizationId: org?.id ?? null,
          username: opts.username,
          displayName: opts.name ?? opts.username,
          password,
          roles: [opts.platform ? 'platform_admin' : 'company_admin'],
        });
      });
      console.log(`Created ${user.roles.join(', ')} "${user.username}".`);
    } finally {
      await database.release();
    }
  });

program
  .command('backup <file>')
  .description('write a consistent copy of the database (embedded: stop the server first; Postgres: pg_dump)')
  .action(async (file: string) => {
    await backup(loadConfig(), file);
    console.log(`Backup written to ${file}`);
  });

program
  .command('restore <file>')
  .description('restore a backup (embedded: the current data is kept aside; Postgres: pg_restore --clean)')
  .action(async (file: string) => {
    const keptAs = await restore(loadConfig(), file);
    console.log(`Restored from ${file}${keptAs ? `; previous data kept in ${keptAs}` : ''}`);
  });

program.parseAsync().catch((err: unknown) => {
  const issues = (err as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
  if (issues) for (const i of issues) console.error(`${i.path.join('.')}: ${i.message}`);
  else {
    // A failed query's message names the statement; the database's own reason is in its cause.
    for (let e: unknown = err; e; e = e instanceof Error ? e.cause : undefined) console.error(e instanceof Error ? e.message : e);
  }
  process.exit(1);
});
