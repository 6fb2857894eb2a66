import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openSqliteStore } from '@flowdesk/store';
import { createApiKey } from '../../src/auth/api-keys.ts';
import { freePort, postRequest, tempDatabase, waitFor } from '../../test/process-kit.ts';

const TEMPLATES = resolve(import.meta.dirname, '../../../../templates');
const BIN = resolve(import.meta.dirname, '../../bin/flowdesk.mjs');
/** A loaded 2-core machine may take this long to start a server. */
const START_TIMEOUT_MS = 180_000;

/** `flowdesk serve` on the file (in demo mode: allowed to call its own demo services); the scale bench uses it too. */
export async function startFlowdeskServer(dbPath: string, options: { demo: boolean }) {
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, 'serve', '--lang', 'en'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      FLOWDESK_DB: dbPath,
      FLOWDESK_ADMIN_EMAIL: 'admin@example.com',
      FLOWDESK_ADMIN_PASSWORD: 'correct horse battery',
      FLOWDESK_ALLOW_PRIVATE_NETWORKS: '1',
      FLOWDESK_DEMO: options.demo ? '1' : '0',
      FLOWDESK_JOB_POLL_MS: '50',
      FLOWDESK_LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const url = `http://127.0.0.1:${port}`;
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  await waitFor(
    async () => {
      if (gone) throw new Error(`flowdesk serve exited before it was ready\n${output}`);
      return (await fetch(`${url}/readyz`).catch(() => undefined))?.ok === true;
    },
    START_TIMEOUT_MS,
    () => output,
  );
  return { url, child, exited, output: () => output };
}

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
  const server = await startFlowdeskServer(dbPath, { demo: true });
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
        START_TIMEOUT_MS,
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
