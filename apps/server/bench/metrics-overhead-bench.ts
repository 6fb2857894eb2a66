import { EventEmitter } from 'node:events';
import type { Request, Response } from 'express';
import { requestId } from '../src/http/request-id.ts';
import { httpMetrics } from '../src/metrics/http-metrics.ts';
import { createServerMetrics } from '../src/metrics/server-metrics.ts';

/**
 * `npx tsx apps/server/bench/metrics-overhead-bench.ts`: the CPU time the
 * operations metrics add to one intake request, measured in-process with
 * process.cpuUsage() so other load on the machine barely moves it (autocannon
 * figures do move). Per request it runs what an accepted
 * POST /api/v1/requests of the benchmark flow adds: the request-id and
 * HTTP-metrics middlewares (on a stand-in request and response, answered with
 * 'finish'), one accepted intake, one started and one ended execution, and
 * the observations of its store transactions.
 */
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200_000);
const TRANSACTIONS_PER_REQUEST = 2;

const metrics = createServerMetrics({ processMetrics: false });
const flows = ['intake', 'lookup', 'notify'];

const withId = requestId();
const timed = httpMetrics(metrics, { isProcedure: () => false });
const next = () => {};

function oneRequest(index: number): void {
  const request = {
    method: 'POST',
    url: '/api/v1/requests',
    originalUrl: '/api/v1/requests',
    baseUrl: '',
    route: { path: '/api/v1/requests' },
    get: () => undefined,
  } as unknown as Request;
  const response = Object.assign(new EventEmitter(), {
    statusCode: 202,
    locals: {},
    setHeader: () => response,
  }) as unknown as Response;
  withId(request, response, next);
  timed(request, response, next);
  (response as unknown as EventEmitter).emit('finish');
  const flowId = flows[index % flows.length] as string;
  for (let n = 0; n < TRANSACTIONS_PER_REQUEST; n++) {
    metrics.storeTransaction({ store: 'sqlite', durationMs: (index % 50) / 10, outcome: 'committed' });
  }
  metrics.executionStarted(flowId);
  metrics.executionEnded(flowId, 'completed');
  metrics.intakeAccepted('api');
}

for (let index = 0; index < 20_000; index++) oneRequest(index);
const control = process.cpuUsage();
// The stand-in request and response alone, to subtract what the server pays without metrics.
for (let index = 0; index < REQUESTS; index++) {
  const response = Object.assign(new EventEmitter(), { statusCode: 202, locals: {} });
  response.emit('finish', index);
}
const controlCpu = process.cpuUsage(control);
const before = process.cpuUsage();
const started = performance.now();
for (let index = 0; index < REQUESTS; index++) oneRequest(index);
const cpu = process.cpuUsage(before);
const wallMs = performance.now() - started;
const cpuMicros = (cpu.user + cpu.system - controlCpu.user - controlCpu.system) / REQUESTS;
// The exposition is built on scrape, not per request; one scrape of these series:
const scrapeStarted = performance.now();
await metrics.render();
const scrapeMs = performance.now() - scrapeStarted;
process.stdout.write(
  `${REQUESTS} requests: ${cpuMicros.toFixed(2)} µs CPU per request (${((wallMs * 1000) / REQUESTS).toFixed(2)} µs wall); one scrape ${scrapeMs.toFixed(1)} ms\n`,
);
