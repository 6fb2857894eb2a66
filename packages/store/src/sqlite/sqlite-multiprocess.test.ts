import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from './open-sqlite-store.ts';

const here = dirname(fileURLToPath(import.meta.url));
const workerScript = join(here, 'test-fixtures', 'claim-worker.ts');
const directory = mkdtempSync(join(tmpdir(), 'flowdesk-multiprocess-'));

interface WorkerReport {
  workerId: string;
  claimed: string[];
  completed: string[];
  lost: string[];
}

interface Worker {
  child: ChildProcess;
  ready: Promise<void>;
  report: Promise<WorkerReport>;
}

function startWorker(path: string, workerId: string): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', workerScript, path, workerId], {
    cwd: here,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    if (stdout.includes('ready\n')) markReady();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const report = new Promise<WorkerReport>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      const last = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !last.startsWith('{')) {
        reject(new Error(`worker ${workerId} exited with ${code}: ${stderr}`));
        return;
      }
      resolve(JSON.parse(last) as WorkerReport);
    });
  });
  return { child, ready, report };
}

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe('sqlite jobs shared by two processes', () => {
  it('never lets both processes hold one job and completes every job exactly once', async () => {
    const path = join(directory, 'shared.sqlite');
    const store = await openSqliteStore({ path });
    const jobCount = 300;
    const past = new Date(Date.now() - 1000).toISOString();
    await store.transaction(async (tx) => {
      for (let index = 0; index < jobCount; index += 1) {
        await tx.jobs.enqueue({
          id: `job-${index}`,
          kind: 'outbox',
          runAt: past,
          payload: { index },
          now: past,
        });
      }
    });

    const workers = [startWorker(path, 'worker-a'), startWorker(path, 'worker-b')];
    await Promise.all(workers.map((worker) => worker.ready));
    for (const worker of workers) worker.child.stdin?.write('go\n');
    const reports = await Promise.all(workers.map((worker) => worker.report));

    const claimed = reports.flatMap((report) => report.claimed);
    const completed = reports.flatMap((report) => report.completed);
    // Leases outlive the test, so a job claimed twice would have been held by both at once.
    expect(claimed).toHaveLength(jobCount);
    expect(new Set(claimed).size).toBe(jobCount);
    expect(completed).toHaveLength(jobCount);
    expect(new Set(completed).size).toBe(jobCount);
    expect(reports.flatMap((report) => report.lost)).toEqual([]);
    // Both processes took part, so the exclusivity above was tested under contention.
    for (const report of reports) expect(report.claimed.length).toBeGreaterThan(0);

    const finished = await store.jobs.list({ status: 'completed', limit: 1000 });
    expect(finished).toHaveLength(jobCount);
    expect(finished.every((job) => job.attempts === 1)).toBe(true);
    await store.close();
  }, 15_000);
});
