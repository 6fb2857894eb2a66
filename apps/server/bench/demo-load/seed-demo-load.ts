/**
 * Usage (repository root):
 *
 *   npm run seed:demo-load -- --tickets 1000000 [--db <file>] [--days 365] [--seed N] [--end <ISO time>]
 *                             [--keep-steps-days 90] [--force]
 *
 * Fills an embedded SQLite database (default ./data/demo-load.sqlite; an
 * existing file is refused unless --force) with a year of a busy desk: the
 * demo workspace (retail and manufacturing templates published, their teams,
 * agents and SLA policies) and, over `--days` days ending at `--end` (default:
 * today's midnight in Asia/Shanghai), `--tickets` tickets with their intake
 * executions and step logs, history, customers with VIP tiers and contacts,
 * chat conversations, CSAT/NPS answers, SLA times and breaches, reopens, and
 * the weekday/office-hours rhythm. Step logs older than --keep-steps-days
 * (default 90, the server's retention default; 0 keeps all) are pruned by the
 * store's own retention prune as the load goes, after their rollups are written. Same --seed and --end, same data (up to the
 * sub-millisecond timings of the one real run the prototypes come from).
 *
 * How: a real `flowdesk serve` in demo mode takes every sample request of both
 * templates once (capture-prototypes.ts); each generated request clones one of
 * those executions (ids, times, customer and ticket number renewed) and then
 * lives through demo-load-lifecycle.ts. Every row goes through the store's
 * repositories (demo-load-writers.ts, one function per table group) in
 * transactions of BATCH tickets. 1,000,000 tickets: see BENCHMARKS.md.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { openSqliteStore, type SqliteStore } from '@flowdesk/store';
import { captureDemoWorkspace } from './capture-prototypes.ts';
import { generateDemoLoad } from './generate-demo-load.ts';

interface Arguments {
  tickets: number;
  db: string;
  days: number;
  seed: number;
  end: string | null;
  keepStepsDays: number;
  force: boolean;
}

function parseArguments(argv: readonly string[]): Arguments {
  const args: Arguments = {
    tickets: 10_000,
    db: 'data/demo-load.sqlite',
    days: 365,
    seed: 1,
    end: null,
    keepStepsDays: 90,
    force: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    const value = argv[i + 1] ?? '';
    if (name === '--force') args.force = true;
    else if (name === '--tickets') args.tickets = Number(value);
    else if (name === '--db') args.db = value;
    else if (name === '--days') args.days = Number(value);
    else if (name === '--seed') args.seed = Number(value);
    else if (name === '--end') args.end = value;
    else if (name === '--keep-steps-days') args.keepStepsDays = Number(value);
    else throw new Error(`unknown option ${name}`);
    if (name !== '--force') i++;
  }
  if (!Number.isInteger(args.tickets) || args.tickets < 1)
    throw new Error('--tickets takes a whole number ≥ 1');
  if (!Number.isInteger(args.days) || args.days < 1) throw new Error('--days takes a whole number ≥ 1');
  if (!Number.isInteger(args.seed)) throw new Error('--seed takes a whole number');
  if (args.end !== null && Number.isNaN(Date.parse(args.end))) throw new Error('--end takes an ISO time');
  return args;
}

/** The captured demo workspace, moved to `path`, opened by the real store (migrations applied). */
export async function demoWorkspaceAt(path: string): Promise<SqliteStore> {
  const captured = await captureDemoWorkspace();
  renameSync(captured, path);
  // The server's key for the secrets stored encrypted (channel settings) lives beside the file.
  if (existsSync(`${captured}.key`)) renameSync(`${captured}.key`, `${path}.key`);
  return openSqliteStore({ path });
}

async function main(): Promise<void> {
  const args = parseArguments(process.argv.slice(2));
  const root = resolve(import.meta.dirname, '../../../..');
  const path = resolve(process.env.INIT_CWD ?? root, args.db);
  if (existsSync(path)) {
    if (!args.force) throw new Error(`${path} exists; pass --force to replace it`);
    for (const suffix of ['', '-wal', '-shm', '.key']) rmSync(`${path}${suffix}`, { force: true });
  }
  const { mkdirSync } = await import('node:fs');
  mkdirSync(dirname(path), { recursive: true });
  const began = performance.now();
  const store = await demoWorkspaceAt(path);
  // This connection only: a crash mid-load means generating again, so no fsync per commit, and
  // a larger page cache for a million rows' index inserts. The file's shape is untouched.
  store.database.pragma('synchronous = OFF');
  store.database.pragma('cache_size = -262144');
  try {
    const totals = await generateDemoLoad(store, {
      tickets: args.tickets,
      days: args.days,
      seed: args.seed,
      end: args.end,
      keepStepsDays: args.keepStepsDays,
      progress: (done, total) => {
        const seconds = (performance.now() - began) / 1000;
        const cpu = process.cpuUsage();
        const cpuSeconds = (cpu.user + cpu.system) / 1e6;
        process.stdout.write(
          `${done}/${total} tickets, ${seconds.toFixed(0)} s, ${cpuSeconds.toFixed(0)} s CPU\n`,
        );
      },
    });
    const seconds = (performance.now() - began) / 1000;
    const cpu = process.cpuUsage();
    const cpuSeconds = Math.round((cpu.user + cpu.system) / 1e6);
    process.stdout.write(
      `${JSON.stringify({ path, ...totals, seconds: Math.round(seconds), cpuSeconds })}\n`,
    );
  } finally {
    await store.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
