import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FlowGraph } from '@flowdesk/model';
import { openSqliteStore } from '@flowdesk/store';
import { createApiKey } from '../src/auth/api-keys.ts';

/** Real server processes on a shared SQLite file, for crash, takeover and restart tests. */

const BIN = resolve(import.meta.dirname, '../bin/flowdesk.mjs');

export function tempDatabase(): string {
  return join(mkdtempSync(join(tmpdir(), 'flowdesk-proc-')), 'flowdesk.sqlite');
}

/** Publishes flows and creates an API key in a fresh database file, then closes it. */
export async function prepareDatabase(path: string, flows: Record<string, FlowGraph>): Promise<string> {
  const store = await openSqliteStore({ path });
  const now = new Date().toISOString();
  for (const [id, graph] of Object.entries(flows)) {
    await store.flows.create({ id, workspaceId: 'default', name: id, draft: graph, createdBy: 'test', now });
    await store.versions.publish(id, graph, 'test', 'test', now);
  }
  const { secret } = await createApiKey(store, { id: 'key-1', name: 'test', role: 'agent', now: new Date() });
  await store.close();
  return secret;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

export interface ServerProcess {
  readonly url: string;
  readonly child: ChildProcess;
  readonly output: () => string;
  /** Resolves when the process has exited. */
  readonly exited: Promise<void>;
}

function spawnFlowdesk(
  command: 'serve' | 'worker',
  dbPath: string,
  port: number,
  env: Record<string, string>,
) {
  return spawn(process.execPath, [BIN, command, '--lang', 'en'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      FLOWDESK_DB: dbPath,
      FLOWDESK_ADMIN_EMAIL: 'admin@example.com',
      FLOWDESK_ADMIN_PASSWORD: 'correct horse battery',
      FLOWDESK_ALLOW_PRIVATE_NETWORKS: '1',
      // The demo templates would start their own flows on every request these tests send.
      FLOWDESK_DEMO: '0',
      FLOWDESK_JOB_POLL_MS: '50',
      FLOWDESK_LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function collectOutput(child: ChildProcess): () => string {
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return () => output;
}

export async function startServerProcess(
  dbPath: string,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawnFlowdesk('serve', dbPath, port, env);
  const output = collectOutput(child);
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => (await fetch(`${url}/readyz`).catch(() => undefined))?.ok === true,
    20_000,
    output,
  );
  return { url, child, output, exited };
}

/** A `flowdesk serve` process that is expected to fail to start; resolves with its exit code once it exits by itself. */
export async function runServeUntilExit(
  dbPath: string,
  port: number,
  env: Record<string, string>,
  timeoutMs: number,
): Promise<{ code: number | null; output: string }> {
  const child = spawnFlowdesk('serve', dbPath, port, env);
  const output = collectOutput(child);
  return new Promise((resolveExit, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the process did not exit within ${timeoutMs} ms\n${output()}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolveExit({ code, output: output() });
    });
  });
}

/** A worker-only process (`flowdesk worker`): no HTTP, ready once it says so. */
export async function startWorkerProcess(
  dbPath: string,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const child = spawnFlowdesk('worker', dbPath, 0, env);
  const output = collectOutput(child);
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  await waitFor(() => output().includes('workers are running'), 20_000, output);
  return { url: '', child, output, exited };
}

export async function waitFor(
  condition: () => Promise<boolean> | boolean,
  timeoutMs: number,
  describe: () => string = () => '',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolveWait) => setTimeout(resolveWait, 50));
  }
  throw new Error(`condition not met within ${timeoutMs} ms\n${describe()}`);
}

export async function postRequest(url: string, apiKey: string, body: unknown): Promise<Response> {
  return fetch(`${url}/api/v1/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify(body),
  });
}
