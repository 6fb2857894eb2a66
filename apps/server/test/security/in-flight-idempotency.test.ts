import { openSqliteStore } from '@flowdesk/store';
import { afterAll, describe, expect, it } from 'vitest';
import { STALE_RESERVATION_MS } from '../../src/rest/idempotency.ts';
import { edge, graph, node } from '../../src/runtime/runtime-test-kit.ts';
import { prepareDatabase, type ServerProcess, startServerProcess, tempDatabase } from '../process-kit.ts';

/**
 * Finding 6: requests in flight when the server is SIGKILLed leave their
 * Idempotency-Key reserved without an answer. A retry was told
 * `retryAfterSeconds: 1` while the key stayed blocked for up to a minute (the
 * stale-reservation time). After a real crash, every such key must be answered
 * with the real wait, in the body and in Retry-After.
 */

const CONCURRENCY = 32;
// Measured here: about one round in three ends with no key caught between its reservation and its
// commit (more under a busy CI). A round (a server start, the load, the kill) took 1–3 s; twelve
// misses in a row are about one in half a million. The rounds also stop after ROUNDS_MS, so the
// last start and the retries still fit in the test's time.
const ROUNDS = 12;
const ROUNDS_MS = 70_000;

interface Pending {
  key: string;
  body: { channel: string; message: string };
  reservedAt: number;
}

async function post(url: string, apiKey: string, key: string, body: unknown): Promise<Response> {
  return fetch(`${url}/api/v1/requests`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${apiKey}`,
      'idempotency-key': key,
    },
    body: JSON.stringify(body),
  });
}

/** Sends keyed requests from CONCURRENCY clients and SIGKILLs the server after `killAt` answers. */
async function crashMidLoad(server: ServerProcess, apiKey: string, round: number, killAt: number) {
  const bodies = new Map<string, { channel: string; message: string }>();
  let next = 0;
  let answered = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < 2000 && server.child.exitCode === null && server.child.signalCode === null) {
        const key = `round-${round}-${next++}`;
        const body = { channel: 'api', message: `request ${key}` };
        bodies.set(key, body);
        const response = await post(server.url, apiKey, key, body).catch(() => undefined);
        if (response?.ok && ++answered === killAt) server.child.kill('SIGKILL');
      }
    }),
  );
  await server.exited;
  return bodies;
}

describe('in-flight idempotency keys after a crash', () => {
  let server: ServerProcess | undefined;

  afterAll(() => {
    server?.child.kill('SIGKILL');
  });

  it('tells the retry of a key left reserved by a killed process how long it really stays blocked', async () => {
    const dbPath = tempDatabase();
    const apiKey = await prepareDatabase(dbPath, {
      answer: graph(
        [
          node('start', 'trigger.request_received', { channels: [], categories: [], keywords: [] }),
          node('end', 'action.end', { outcome: 'completed' }),
        ],
        [edge('start', 'next', 'end')],
      ),
    });

    // A crash lands between reserving a key and committing its work often, not always: try until one does.
    const pending: Pending[] = [];
    const roundsEnd = Date.now() + ROUNDS_MS;
    for (let round = 0; round < ROUNDS && pending.length === 0 && Date.now() < roundsEnd; round++) {
      server = await startServerProcess(dbPath);
      const bodies = await crashMidLoad(server, apiKey, round, 40 + Math.floor(Math.random() * 100));
      const store = await openSqliteStore({ path: dbPath });
      const rows = store.database
        .prepare('SELECT key, created_at FROM idempotency_keys WHERE response IS NULL')
        .all() as Array<{ key: string; created_at: string }>;
      await store.close();
      for (const row of rows) {
        const body = bodies.get(row.key);
        if (body) pending.push({ key: row.key, body, reservedAt: Date.parse(row.created_at) });
      }
    }
    expect(pending.length).toBeGreaterThan(0);

    server = await startServerProcess(dbPath);
    for (const { key, body, reservedAt } of pending) {
      const asked = Date.now();
      const retry = await post(server.url, apiKey, key, body);
      expect(retry.status).toBe(409);
      const answer = (await retry.json()) as { error: { code: string; retryAfterSeconds: number } };
      expect(answer.error.code).toBe('idempotency_in_progress');
      const header = Number(retry.headers.get('retry-after'));
      expect(header).toBe(answer.error.retryAfterSeconds);
      // The key frees itself when the dead reservation goes stale: that, not 1 s, is the wait.
      const realWait = (reservedAt + STALE_RESERVATION_MS - asked) / 1000;
      expect(realWait).toBeGreaterThan(5);
      expect(Math.abs(header - realWait)).toBeLessThanOrEqual(2);
    }
  }, 120_000);
});
