import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openSqliteStore } from '@flowdesk/store';
import { createApiKey } from '../../src/auth/api-keys.ts';
import { postRequest, startServerProcess, tempDatabase, waitFor } from '../../test/process-kit.ts';

const TEMPLATES = resolve(import.meta.dirname, '../../../../templates');

/**
 * Runs the demo workspace for real once: a `flowdesk serve` in demo mode (the
 * retail and manufacturing templates applied and published, their demo order
 * and parts services on) takes every sample request of both templates through
 * POST /api/v1/requests and works them until no job is due. The resulting file
 * holds executions, steps, tickets and history exactly as the runtime writes
 * them; the generator clones them. Returns the file's path.
 */
export async function captureDemoWorkspace(): Promise<string> {
  const dbPath = tempDatabase();
  const store = await openSqliteStore({ path: dbPath });
  const { secret } = await createApiKey(store, {
    id: 'seed-key',
    name: 'seed',
    role: 'agent',
    now: new Date(),
  });
  await store.close();
  const server = await startServerProcess(dbPath, { FLOWDESK_DEMO: '1' });
  try {
    for (const template of ['retail', 'manufacturing']) {
      const dir = join(TEMPLATES, template, 'samples');
      for (const file of readdirSync(dir)
        .filter((name) => name.endsWith('.json'))
        .sort()) {
        const sample = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { request: unknown };
        const response = await postRequest(server.url, secret, sample.request);
        if (!response.ok) throw new Error(`${template}/${file}: ${response.status} ${await response.text()}`);
      }
    }
    const check = await openSqliteStore({ path: dbPath });
    try {
      // Done when only timers set for later remain (SLA warnings, survey waits).
      await waitFor(
        () =>
          (
            check.database
              .prepare("SELECT COUNT(*) AS n FROM jobs WHERE status = 'pending' AND run_at <= ?")
              .get(Date.now()) as { n: number }
          ).n === 0,
        30_000,
        server.output,
      );
    } finally {
      await check.close();
    }
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
  return dbPath;
}
