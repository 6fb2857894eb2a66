import { openSqliteStore } from '@flowdesk/store';
import { afterAll, describe, expect, it } from 'vitest';
import { edge, graph, node } from '../src/runtime/runtime-test-kit.ts';
import {
  postRequest,
  prepareDatabase,
  type ServerProcess,
  startServerProcess,
  tempDatabase,
} from './process-kit.ts';

/** Two server processes on one database open tickets at the same time: every number is different. */
describe('ticket numbers across processes', () => {
  const servers: ServerProcess[] = [];
  afterAll(() => {
    for (const server of servers) server.child.kill('SIGKILL');
  });

  it('never gives two tickets the same number', async () => {
    const dbPath = tempDatabase();
    const apiKey = await prepareDatabase(dbPath, {
      open: graph(
        [
          node('start', 'trigger.request_received', { channels: [], categories: [], keywords: [] }),
          node('ticket', 'action.create_ticket', {
            title: '{{ request.message }}',
            description: '{{ request.message }}',
            priority: 'medium',
            customFields: {},
          }),
        ],
        [edge('start', 'next', 'ticket')],
      ),
    });
    servers.push(await startServerProcess(dbPath), await startServerProcess(dbPath));
    const numbers: string[] = [];
    await Promise.all(
      Array.from({ length: 16 }, async (_, lane) => {
        for (let n = 0; n < 15; n++) {
          const server = servers[(lane + n) % 2] as ServerProcess;
          const response = await postRequest(server.url, apiKey, {
            channel: 'api',
            message: `lane ${lane} #${n}`,
          });
          expect(response.status).toBe(202);
          const body = (await response.json()) as { produced: { ticketNumber?: string } };
          numbers.push(body.produced.ticketNumber ?? '');
        }
      }),
    );
    expect(numbers).toHaveLength(240);
    expect(numbers.every((number) => /^CS\d{8}\d{3,}$/.test(number))).toBe(true);
    expect(new Set(numbers).size).toBe(240);
    const store = await openSqliteStore({ path: dbPath });
    try {
      expect((await store.tickets.list({ limit: 500 })).length).toBe(240);
    } finally {
      await store.close();
    }
  }, 60_000);
});
