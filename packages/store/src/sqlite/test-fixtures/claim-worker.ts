/**
 * A worker process for the multi-process job test: opens the shared SQLite file,
 * says "ready", waits for "go" on stdin, then claims and completes jobs until
 * none are left and prints one JSON line with what it did.
 */
import { createInterface } from 'node:readline';
import { openSqliteStore } from '../open-sqlite-store.ts';

const [path, workerId] = process.argv.slice(2);
if (!path || !workerId) throw new Error('usage: claim-worker.ts <db path> <worker id>');

const store = await openSqliteStore({ path });
const lines = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
await new Promise<void>((resolve) => lines.on('line', (line) => line.trim() === 'go' && resolve()));
lines.close();

const claimed: string[] = [];
const completed: string[] = [];
const lost: string[] = [];
for (;;) {
  const jobs = await store.jobs.claimDue({
    workerId,
    now: new Date().toISOString(),
    leaseMs: 60_000,
    limit: 4,
  });
  if (jobs.length === 0) break;
  for (const job of jobs) {
    claimed.push(job.id);
    // Hold the job across a turn of the event loop, as real work would.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const result = await store.jobs.complete(job.id, job.leaseToken ?? '', new Date().toISOString());
    (result.ok ? completed : lost).push(job.id);
  }
}
await store.close();
process.stdout.write(`${JSON.stringify({ workerId, claimed, completed, lost })}\n`);
