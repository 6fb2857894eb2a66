import { afterAll, describe, expect, it } from 'vitest';
import { edge, graph, HttpSink, node, webhookNode } from '../src/runtime/runtime-test-kit.ts';
import {
  postRequest,
  prepareDatabase,
  type ServerProcess,
  startServerProcess,
  startWorkerProcess,
  tempDatabase,
  waitFor,
} from './process-kit.ts';

/** API-only servers (FLOWDESK_WORKERS=off) leave deliveries to separate `flowdesk worker` processes. */
describe('workers in their own process', () => {
  const sink = new HttpSink();
  const processes: ServerProcess[] = [];
  afterAll(async () => {
    for (const running of processes) running.child.kill('SIGKILL');
    await sink.stop();
  });

  it('delivers what an API-only server queued once a worker process runs', async () => {
    const url = await sink.start();
    const dbPath = tempDatabase();
    const apiKey = await prepareDatabase(dbPath, {
      notify: graph(
        [
          node('start', 'trigger.request_received', { channels: [], categories: [], keywords: [] }),
          webhookNode('hook', `${url}/hook`, '{{ request.message }}'),
        ],
        [edge('start', 'next', 'hook')],
      ),
    });
    const api = await startServerProcess(dbPath, { FLOWDESK_WORKERS: 'off' });
    processes.push(api);
    expect((await postRequest(api.url, apiKey, { channel: 'api', message: 'queued' })).status).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(sink.received).toHaveLength(0);

    processes.push(await startWorkerProcess(dbPath));
    await waitFor(() => sink.received.length === 1, 15_000);
    expect(JSON.parse(sink.received[0]?.body ?? '{}').body).toBe('queued');
  }, 60_000);
});
