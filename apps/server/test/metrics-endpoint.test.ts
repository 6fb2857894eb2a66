import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edge, graph, HttpSink, ManualClock, node, webhookNode } from '../src/runtime/runtime-test-kit.ts';
import { prepareDatabase, tempDatabase } from './process-kit.ts';
import { type InProcessServer, startInProcessServer } from './security/in-process-server.ts';

/**
 * GET /metrics on the production wiring (startServer): real traffic goes
 * through intake, the job worker and the outbox to a loopback webhook sink,
 * then the exposition is parsed with a Prometheus text-format parser and each
 * family is checked for the values that traffic must have produced.
 */

interface Sample {
  labels?: Record<string, string>;
  value?: string;
}
interface Family {
  name: string;
  type: string;
  metrics: Sample[];
}

const TOKEN = 'scrape-token-0123456789abcdef';

/** Families by name; a name the parser saw in several runs (a histogram read as untyped) gets all their samples. */
function families(text: string): Map<string, Family> {
  const byName = new Map<string, Family>();
  for (const family of parsePrometheusTextFormat(text) as Family[]) {
    const seen = byName.get(family.name);
    if (seen) seen.metrics.push(...family.metrics);
    else byName.set(family.name, family);
  }
  return byName;
}

/**
 * The parser folds a histogram's series into one set of buckets, dropping
 * their labels (it was written for unlabelled histograms). Read as untyped,
 * each `_bucket`, `_sum` and `_count` is a family of its own with its labels.
 */
function series(text: string): Map<string, Family> {
  return families(text.replace(/^# TYPE (\S+) histogram$/gm, '# TYPE $1 untyped'));
}

function sample(family: Family | undefined, labels: Record<string, string>): Sample | undefined {
  return family?.metrics.find((metric) =>
    Object.entries(labels).every(([key, value]) => metric.labels?.[key] === value),
  );
}

function value(family: Family | undefined, labels: Record<string, string> = {}): number {
  return Number(sample(family, labels)?.value ?? Number.NaN);
}

describe('GET /metrics after real traffic', () => {
  const sink = new HttpSink();
  const clock = new ManualClock(new Date('2026-11-22T01:00:00.000Z'));
  let server: InProcessServer;
  let apiKey: string;
  let base: string;

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}/api/v1/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}`, ...headers },
      body: JSON.stringify(body),
    });
  const tick = () => server.running.runtime.worker.tick();
  const scrape = async () => {
    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    return { text, parsed: families(text), flat: series(text) };
  };

  beforeAll(async () => {
    const sinkUrl = await sink.start();
    const path = tempDatabase();
    apiKey = await prepareDatabase(path, {
      notify: graph(
        [
          node('start', 'trigger.request_received', { channels: [], categories: [], keywords: [] }),
          webhookNode('tell', `${sinkUrl}/notify`, '新请求 {{ request.message }}'),
          node('pause', 'timing.wait', { mode: 'duration', duration: { amount: 5, unit: 'minutes' } }),
          node('done', 'action.end', { outcome: 'completed' }),
        ],
        [edge('start', 'next', 'tell'), edge('tell', 'next', 'pause'), edge('pause', 'next', 'done')],
      ),
      lookup: graph(
        [
          node('start', 'trigger.request_received', { channels: [], categories: [], keywords: [] }),
          node('lookup', 'action.http_request', {
            method: 'GET',
            url: `${sinkUrl}/orders`,
            responseMapping: [],
          }),
        ],
        [edge('start', 'next', 'lookup')],
      ),
    });
    sink.responses.set('/orders', { status: 500, body: { error: 'down' } });
    server = await startInProcessServer(
      { FLOWDESK_DB: path, FLOWDESK_METRICS_TOKEN: TOKEN },
      { allowPrivateNetworks: true },
      clock,
    );
    base = server.running.url;
  });
  afterAll(async () => {
    await server?.close();
    await sink.stop();
  });

  it('has every family, with the values the traffic produced and no id or token in a label', async () => {
    const accepted = await post({
      channel: 'web_form',
      customer: { name: '王女士', phone: '13812345678', email: 'wang@example.cn' },
      message: '订单 CS20261122001 还没到',
    });
    expect(accepted.status).toBe(202);
    const { executionIds, produced } = (await accepted.json()) as {
      executionIds: string[];
      produced: { ticketNumber?: string };
    };
    expect(executionIds).toHaveLength(2);
    expect((await post({ channel: 'web_form', message: 42 })).status).toBe(400);
    expect((await post({ channel: 'api', message: 'x' }, { authorization: 'Bearer wrong-key' })).status).toBe(
      401,
    );
    await fetch(`${base}/api/v1/tickets/CS20261122999?token=secret-progress-token`);
    await fetch(`${base}/s/survey-link-token-42?lang=en`, { headers: { accept: 'text/html' } });

    // The first webhook attempt fails (the sink answers 503), the second one, a minute later, gets through.
    sink.failuresLeft = 1;
    await tick();
    clock.advance(60_000);
    await tick();
    await tick();
    expect(sink.received.filter((hook) => hook.path === '/notify')).toHaveLength(1);
    // The 5-minute wait began at intake (the webhook goes through the outbox); it fires 3 s late.
    // The HTTP lookup has failed into an incident meanwhile.
    clock.advance(4 * 60_000 + 3_000);
    await tick();
    const statuses = await Promise.all(executionIds.map((id) => server.running.store.executions.get(id)));
    expect(statuses.map((record) => [record?.flowId, record?.status]).sort()).toEqual([
      ['lookup', 'failed'],
      ['notify', 'completed'],
    ]);
    // One job left to see in the queue gauges: due 30 s ago.
    await server.running.store.jobs.enqueue({
      id: 'waiting-job',
      kind: 'outbox.deliver',
      runAt: new Date(clock.now().getTime() - 30_000).toISOString(),
      payload: { channel: 'webhook', to: 'http://127.0.0.1:9/none', body: 'x' },
      now: clock.now().toISOString(),
    });

    const { text, parsed, flat } = await scrape();
    for (const histogram of [
      'flowdesk_http_request_duration_seconds',
      'flowdesk_timer_lateness_seconds',
      'flowdesk_store_transaction_duration_seconds',
    ]) {
      expect(parsed.get(histogram)?.type).toBe('HISTOGRAM');
    }
    const requests = flat.get('flowdesk_http_request_duration_seconds_count');
    expect(value(requests, { method: 'POST', route: '/api/v1/requests', status: '202' })).toBe(1);
    expect(value(requests, { method: 'POST', route: '/api/v1/requests', status: '400' })).toBe(1);
    expect(value(requests, { method: 'GET', route: '/api/v1/tickets/:id', status: '401' })).toBe(1);
    expect(requests?.metrics.some((metric) => metric.labels?.route === '/s/:token')).toBe(true);

    const intake = parsed.get('flowdesk_intake_accepted_total');
    expect(value(intake, { channel: 'web_form' })).toBe(1);
    const refused = parsed.get('flowdesk_intake_refused_total');
    expect(value(refused, { channel: 'api', reason: 'invalid_request' })).toBe(1);
    expect(value(refused, { channel: 'api', reason: 'unauthenticated' })).toBe(1);

    expect(value(parsed.get('flowdesk_executions_started_total'), { flow_id: 'notify' })).toBe(1);
    expect(value(parsed.get('flowdesk_executions_started_total'), { flow_id: 'lookup' })).toBe(1);
    expect(
      value(parsed.get('flowdesk_executions_finished_total'), { flow_id: 'notify', status: 'completed' }),
    ).toBe(1);
    expect(value(parsed.get('flowdesk_executions_failed_total'), { flow_id: 'lookup' })).toBe(1);
    expect(sample(parsed.get('flowdesk_executions_failed_total'), { flow_id: 'notify' })).toBeUndefined();

    const deliveries = parsed.get('flowdesk_outbox_deliveries_total');
    expect(value(deliveries, { channel: 'webhook', outcome: 'retrying' })).toBe(1);
    expect(value(deliveries, { channel: 'webhook', outcome: 'delivered' })).toBe(1);
    expect(value(parsed.get('flowdesk_outbox_retries_total'), { channel: 'webhook' })).toBe(1);

    expect(value(flat.get('flowdesk_timer_lateness_seconds_count'), { kind: 'timer' })).toBe(1);
    expect(value(flat.get('flowdesk_timer_lateness_seconds_sum'), { kind: 'timer' })).toBeCloseTo(3, 3);
    const latenessBuckets = flat.get('flowdesk_timer_lateness_seconds_bucket');
    expect(value(latenessBuckets, { kind: 'timer', le: '2.5' })).toBe(0);
    expect(value(latenessBuckets, { kind: 'timer', le: '5' })).toBe(1);

    const depth = parsed.get('flowdesk_job_queue_depth');
    expect(value(depth, { state: 'pending' })).toBe(1);
    expect(value(depth, { state: 'due' })).toBe(1);
    expect(value(depth, { state: 'running' })).toBe(0);
    expect(value(parsed.get('flowdesk_job_queue_lag_seconds'))).toBe(30);

    const committed = { store: 'sqlite', outcome: 'committed' };
    expect(
      value(flat.get('flowdesk_store_transaction_duration_seconds_count'), committed),
    ).toBeGreaterThanOrEqual(3);
    expect(value(flat.get('flowdesk_store_transaction_duration_seconds_sum'), committed)).toBeGreaterThan(0);

    for (const processFamily of [
      'process_cpu_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_seconds',
    ]) {
      expect(parsed.has(processFamily)).toBe(true);
    }

    // Labels hold templates and codes: no ticket number, execution id, key, contact or token anywhere.
    const labelValues = [...flat.values()].flatMap((family) =>
      family.metrics.flatMap((metric) => Object.values(metric.labels ?? {})),
    );
    for (const secret of [
      'CS2026',
      'secret-progress-token',
      'survey-link-token',
      'wrong-key',
      apiKey,
      TOKEN,
      '13812345678',
      'wang@example',
      ...executionIds,
      produced.ticketNumber ?? 'no ticket',
    ]) {
      expect(labelValues.some((label) => label.includes(secret))).toBe(false);
      expect(text).not.toContain(secret);
    }
  });

  it('labels tRPC calls by procedure name, and made-up names as one label', async () => {
    await fetch(`${base}/trpc/auth.me`);
    await fetch(`${base}/trpc/no.such.procedure-${Date.now()}`);
    const { flat } = await scrape();
    const routes = new Set(
      flat.get('flowdesk_http_request_duration_seconds_count')?.metrics.map((metric) => metric.labels?.route),
    );
    expect(routes).toContain('/trpc/auth.me');
    expect(routes).toContain('/trpc/(unknown)');
    expect([...routes].some((route) => route?.includes('no.such'))).toBe(false);
  });

  it('takes the token from anywhere, refuses a wrong one with a translated 401 and serves loopback without one', async () => {
    const withToken = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(withToken.status).toBe(200);
    const wrong = await fetch(`${base}/metrics`, {
      headers: { authorization: 'Bearer not-the-token', 'accept-language': 'zh-CN' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toBe('Bearer');
    const body = (await wrong.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('metrics_token_invalid');
    expect(body.error.message).toContain('访问令牌不正确');
    expect(JSON.stringify(body)).not.toContain('flowdesk_');
  });
});
