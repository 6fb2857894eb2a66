import { type ChildProcess, fork, spawn } from 'node:child_process';
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { FlowGraph } from '@flowdesk/model';
import { type ExecutionSummary, openSqliteStore } from '@flowdesk/store';
import Database from 'better-sqlite3';
import { edge, graph, node, requestTicketNodes, webhookNode } from '../src/runtime/runtime-test-kit.ts';
import { freePort, prepareDatabase, tempDatabase, waitFor } from '../test/process-kit.ts';

/**
 * `npm run soak -- --minutes 10` (issue 17, item 4): two real `flowdesk serve`
 * processes on ONE SQLite file behind a round-robin client at a steady load of
 * POST /api/v1/requests, each with its own Idempotency-Key. The flow opens a
 * ticket, posts a webhook to a loopback sink and waits until a time the request
 * names (a timer due within the run), then posts a second webhook. Every 5–20 s
 * one server is SIGKILLed and restarted on its port; a request that fails on a
 * killed server is retried on the other with the same key (and after the
 * Retry-After a 409 names, when the dead request left its key reserved).
 *
 * After a drain it counts, from the client, the store and the sink: requests
 * acknowledged vs executions completed, webhook deliveries per idempotency key,
 * timers fired vs due, and RSS per process lifetime. It prints a table and exits
 * non-zero when a target is missed. Linux only (RSS from /proc).
 */

const ROOT = resolve(import.meta.dirname, '../../..');
const BIN = resolve(ROOT, 'apps/server/bin/flowdesk.mjs');
const KEY_RE = /soak-\d+/;

export interface SoakOptions {
  /** How long the load and the kills last. */
  readonly seconds: number;
  /** Requests per second, sent open-loop (a slow answer does not slow the sender). */
  readonly rate: number;
  /** A kill every minKillS..maxKillS seconds, counted from when both servers answer /readyz. */
  readonly minKillS: number;
  readonly maxKillS: number;
  /** Each request's timer falls due this many seconds after it is sent (uniformly between). */
  readonly minTimerS: number;
  readonly maxTimerS: number;
  /** Job lease of the servers: how long a killed server's claimed jobs wait for a takeover. */
  readonly leaseMs: number;
  /** After the load: the longest wait for every acknowledged request to be done. */
  readonly drainS: number;
  /** RSS samples this early in a process's life are warm-up and not counted. */
  readonly warmupS: number;
  /** A process lifetime counts for RSS growth when it has at least this much after warm-up. */
  readonly minRssSpanS: number;
  readonly log?: (line: string) => void;
}

export const DEFAULT_SOAK: SoakOptions = {
  seconds: 600,
  rate: 50,
  minKillS: 5,
  maxKillS: 20,
  minTimerS: 2,
  maxTimerS: 8,
  leaseMs: 5000,
  drainS: 150,
  warmupS: 30,
  minRssSpanS: 30,
};

interface Lifetime {
  readonly slot: number;
  readonly pid: number;
  readonly startedAt: number;
  readyAt: number | undefined;
  endedAt: number | undefined;
  killed: boolean;
  readonly rss: Array<{ at: number; kb: number }>;
  output: string;
  /** Warnings that a job's lease ran out while it ran (its result refused, the job run again elsewhere). */
  leaseLost: number;
  /** Outbox attempts this process logged as failed (error or timeout), by execution id: when. */
  readonly failedAttempts: Array<{ executionId: string; at: number }>;
}

interface Slot {
  readonly index: number;
  readonly port: number;
  readonly url: string;
  child: ChildProcess | undefined;
  lifetime: Lifetime | undefined;
  ready: boolean;
  exited: Promise<void>;
}

interface SentRequest {
  readonly key: string;
  readonly remindAt: number;
  readonly sentAt: number;
  attempts: number;
  /** Attempts that failed on a dead or dying server and went to the other. */
  failovers: number;
  /** 409 answers: the key was still reserved by a request that died with its server. */
  inProgressWaits: number;
  ack?: { at: number; executionIds: string[]; replayed: boolean; status: number };
  failure?: string;
}

interface Arrival {
  readonly at: number;
  readonly path: string;
  readonly outboundKey: string;
  readonly requestKey: string | undefined;
}

export interface SoakCheck {
  readonly name: string;
  readonly value: string;
  readonly target: string;
  readonly ok: boolean;
}

export interface SoakReport {
  readonly ok: boolean;
  readonly checks: SoakCheck[];
  readonly figures: Record<string, number | string>;
  readonly table: string;
  readonly failures: string[];
}

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));
const between = (min: number, max: number) => min + Math.random() * (max - min);

export function soakFlow(sinkUrl: string): FlowGraph {
  return graph(
    [
      ...requestTicketNodes(),
      webhookNode('hook', `${sinkUrl}/ack`, '{{ request.message }}'),
      node('wait', 'timing.wait', { mode: 'until_field', field: 'request.customFields.remindAt' }),
      webhookNode('remind', `${sinkUrl}/remind`, '{{ request.message }}'),
      node('end', 'action.end', { outcome: 'completed' }),
    ],
    [
      edge('start', 'next', 'ticket'),
      edge('ticket', 'next', 'hook'),
      edge('hook', 'next', 'wait'),
      edge('wait', 'next', 'remind'),
      edge('remind', 'next', 'end'),
    ],
  );
}

/** The receiving end of every webhook (soak-sink.ts, its own process): each arrival with its idempotency key. */
class Sink {
  readonly arrivals: Arrival[] = [];
  private readonly seen = new Map<string, Set<string>>();
  private child: ChildProcess | undefined;

  async start(): Promise<string> {
    const child = fork(resolve(import.meta.dirname, 'soak-sink.ts'), [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child = child;
    const port = await new Promise<number>((done, fail) => {
      child.once('exit', (code) => fail(new Error(`the sink exited (${code})`)));
      child.on('message', (message: Arrival | { port: number }) => {
        if ('port' in message) {
          done(message.port);
          return;
        }
        this.arrivals.push(message);
        const keys = this.seen.get(message.path) ?? new Set<string>();
        keys.add(message.outboundKey);
        this.seen.set(message.path, keys);
      });
    });
    return `http://127.0.0.1:${port}`;
  }

  /** Distinct outbound keys seen on a path. */
  keys(path: string): Set<string> {
    return this.seen.get(path) ?? new Set();
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.disconnect();
    await Promise.race([exited, sleep(5000)]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}

function readRssKb(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb);
  } catch {
    return undefined;
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

class Replicas {
  readonly slots: Slot[] = [];
  readonly lifetimes: Lifetime[] = [];
  readonly kills: number[] = [];

  constructor(
    private readonly dbPath: string,
    private readonly leaseMs: number,
  ) {}

  async open(count: number): Promise<void> {
    for (let index = 0; index < count; index++) {
      const port = await freePort();
      this.slots.push({
        index,
        port,
        url: `http://127.0.0.1:${port}`,
        child: undefined,
        lifetime: undefined,
        ready: false,
        exited: Promise.resolve(),
      });
    }
    await Promise.all(this.slots.map((slot) => this.start(slot)));
  }

  async start(slot: Slot): Promise<void> {
    const child = spawn(process.execPath, [BIN, 'serve', '--lang', 'en'], {
      env: {
        ...process.env,
        PORT: String(slot.port),
        HOST: '127.0.0.1',
        FLOWDESK_DB: this.dbPath,
        FLOWDESK_ADMIN_EMAIL: 'admin@example.com',
        FLOWDESK_ADMIN_PASSWORD: 'correct horse battery',
        // The sink is on loopback; nothing here ever leaves the machine.
        FLOWDESK_ALLOW_PRIVATE_NETWORKS: '1',
        FLOWDESK_DEMO: '0',
        FLOWDESK_JOB_POLL_MS: '100',
        FLOWDESK_JOB_LEASE_MS: String(this.leaseMs),
        FLOWDESK_LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lifetime: Lifetime = {
      slot: slot.index,
      pid: child.pid as number,
      startedAt: Date.now(),
      readyAt: undefined,
      endedAt: undefined,
      killed: false,
      rss: [],
      output: '',
      leaseLost: 0,
      failedAttempts: [],
    };
    // Every line is kept in a file next to the database; the last 20 kB in memory for the report.
    const file = createWriteStream(join(dirname(this.dbPath), `server-${slot.index}-${child.pid}.log`));
    let partial = '';
    const keep = (chunk: Buffer) => {
      const text = chunk.toString();
      file.write(text);
      lifetime.output = (lifetime.output + text).slice(-20_000);
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        if (line.includes('job lease lost') || line.includes('job did not finish')) lifetime.leaseLost++;
        if (line.includes('outbox delivery failed') || line.includes('job did not finish')) {
          const fields = JSON.parse(line) as { executionId?: string; time?: string };
          if (fields.executionId) {
            lifetime.failedAttempts.push({
              executionId: fields.executionId,
              at: Date.parse(fields.time ?? ''),
            });
          }
        }
      }
    };
    child.once('exit', () => file.end());
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    slot.child = child;
    slot.lifetime = lifetime;
    slot.ready = false;
    slot.exited = new Promise<void>((done) =>
      child.once('exit', () => {
        lifetime.endedAt = Date.now();
        slot.ready = false;
        done();
      }),
    );
    this.lifetimes.push(lifetime);
    await waitFor(
      async () =>
        lifetime.endedAt === undefined &&
        (await fetch(`${slot.url}/readyz`, { signal: AbortSignal.timeout(5000) }).catch(() => undefined))
          ?.ok === true,
      120_000,
      () => lifetime.output,
    );
    lifetime.readyAt = Date.now();
    slot.ready = true;
  }

  async kill(slot: Slot): Promise<void> {
    if (!slot.child || !slot.lifetime) return;
    slot.ready = false;
    slot.lifetime.killed = true;
    this.kills.push(Date.now());
    slot.child.kill('SIGKILL');
    await slot.exited;
  }

  sampleRss(): void {
    for (const slot of this.slots) {
      const lifetime = slot.lifetime;
      if (!lifetime?.readyAt || lifetime.endedAt !== undefined) continue;
      const kb = readRssKb(lifetime.pid);
      if (kb !== undefined) lifetime.rss.push({ at: Date.now(), kb });
    }
  }

  async stopAll(): Promise<void> {
    for (const slot of this.slots) {
      if (slot.lifetime?.endedAt === undefined) slot.child?.kill('SIGTERM');
    }
    await Promise.race([Promise.all(this.slots.map((slot) => slot.exited)), sleep(15_000)]);
    for (const slot of this.slots) {
      if (slot.lifetime?.endedAt === undefined) slot.child?.kill('SIGKILL');
    }
    await Promise.all(this.slots.map((slot) => slot.exited));
  }
}

/** The client: round robin over the slots, failing over to the other one with the same key. */
class Client {
  private next = 0;
  readonly sent: SentRequest[] = [];
  inFlight = 0;
  maxInFlight = 0;

  constructor(
    private readonly replicas: Replicas,
    private readonly apiKey: string,
    private readonly deadline: () => number,
  ) {}

  async send(request: SentRequest): Promise<void> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await this.deliver(request);
    } finally {
      this.inFlight--;
    }
  }

  private async deliver(request: SentRequest): Promise<void> {
    const body = JSON.stringify({
      channel: 'api',
      message: `soak ${request.key}`,
      customFields: { remindAt: new Date(request.remindAt).toISOString() },
    });
    // Round robin over the servers that answer /readyz, as a load balancer's health check would
    // (a restarting server gets no traffic until it is ready); over all of them when none is.
    const ready = this.replicas.slots.filter((slot) => slot.ready);
    let slotIndex =
      (ready.length ? ready : this.replicas.slots)[this.next++ % (ready.length || this.replicas.slots.length)]
        ?.index ?? 0;
    while (Date.now() < this.deadline()) {
      const slot = this.replicas.slots[slotIndex] as Slot;
      request.attempts++;
      let response: Response;
      try {
        response = await fetch(`${slot.url}/api/v1/requests`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${this.apiKey}`,
            'idempotency-key': request.key,
          },
          body,
          signal: AbortSignal.timeout(30_000),
        });
      } catch {
        // Refused, reset or timed out: the server died (or is dying). Same key, the other server.
        request.failovers++;
        slotIndex = (slotIndex + 1) % this.replicas.slots.length;
        if (!this.replicas.slots[slotIndex]?.ready) await sleep(100);
        continue;
      }
      const text = await response.text().catch(() => '');
      if (response.ok) {
        const answer = JSON.parse(text) as { executionIds: string[] };
        request.ack = {
          at: Date.now(),
          executionIds: answer.executionIds,
          replayed: response.headers.get('idempotent-replayed') === 'true',
          status: response.status,
        };
        return;
      }
      if (response.status === 409) {
        const parsed = JSON.parse(text || '{}') as { error?: { code?: string; retryAfterSeconds?: number } };
        const seconds = Number(response.headers.get('retry-after') ?? parsed.error?.retryAfterSeconds ?? 1);
        if (text.includes('idempotency_in_progress')) {
          request.inProgressWaits++;
          await sleep(Math.max(1, seconds) * 1000);
          continue;
        }
        request.failure = `409 ${text.slice(0, 200)}`;
        return;
      }
      if (response.status >= 500 || response.status === 429 || response.status === 408) {
        // A server that is shutting down, or a busy database: the other server, after a pause.
        slotIndex = (slotIndex + 1) % this.replicas.slots.length;
        await sleep(250);
        continue;
      }
      request.failure = `${response.status} ${text.slice(0, 200)}`;
      return;
    }
    request.failure ??= 'no 2xx before the deadline';
  }
}

interface StoreFacts {
  executions: ExecutionSummary[];
  /** The request key each execution ran for (its trigger data carries the message). */
  keyOf: Map<string, string>;
  /** Timers and deliveries still due or running when the servers stopped: the drain did not finish. */
  workLeft: number;
  /** Wait steps per execution id: how often the timer fired and when. */
  waits: Map<string, string[]>;
  /** Tickets per request key (the ticket title carries it). */
  ticketsPerKey: Map<string, number>;
}

async function readStore(dbPath: string): Promise<StoreFacts> {
  const store = await openSqliteStore({ path: dbPath });
  try {
    const executions: ExecutionSummary[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.executions.list({ limit: 500, ...(cursor ? { cursor } : {}) });
      executions.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const waits = new Map<string, string[]>();
    const keyOf = new Map<string, string>();
    for (const execution of executions) {
      const record = await store.executions.get(execution.id);
      const key = KEY_RE.exec(JSON.stringify(record?.state ?? {}))?.[0];
      if (key) keyOf.set(execution.id, key);
      const steps = await store.executions.listSteps(execution.id);
      waits.set(
        execution.id,
        steps.filter((step) => step.nodeId === 'wait').map((step) => step.finishedAt),
      );
    }
    // The port lists at most 1,000 tickets; the count per title is read from the file itself.
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    const ticketsPerKey = new Map<string, number>();
    try {
      const rows = db.prepare('SELECT title FROM tickets').all() as Array<{ title: string }>;
      for (const { title } of rows) {
        const key = KEY_RE.exec(title)?.[0];
        if (key) ticketsPerKey.set(key, (ticketsPerKey.get(key) ?? 0) + 1);
      }
    } finally {
      db.close();
    }
    const now = new Date().toISOString();
    const unfinished = [
      ...(await store.jobs.list({ status: 'pending' })),
      ...(await store.jobs.list({ status: 'running' })),
    ];
    // Periodic jobs (the hourly anomaly check, report emails) always have a next run queued.
    const workLeft = unfinished.filter(
      (job) => (job.kind.startsWith('outbox') || job.kind.startsWith('execution')) && job.runAt <= now,
    ).length;
    return { executions, waits, keyOf, workLeft, ticketsPerKey };
  } finally {
    await store.close();
  }
}

interface RssFigures {
  lifetimesMeasured: number;
  maxGrowthPct: number;
  medianRssMb: number;
  driftPct: number;
  /** Each measured lifetime: RSS after warm-up → at its end, over how long. */
  detail: string[];
}

/**
 * RSS growth per process lifetime, warm-up excluded: the median of the last
 * five samples against the median of the first five after warm-up. Drift
 * compares lifetimes across the run at the same age (just after warm-up), so
 * growth that a restart hides still shows.
 */
function rssFigures(
  lifetimes: Lifetime[],
  options: SoakOptions,
  runStart: number,
  runEnd: number,
): RssFigures {
  let measured = 0;
  let maxGrowth = Number.NEGATIVE_INFINITY;
  const all: number[] = [];
  const early: number[] = [];
  const late: number[] = [];
  const detail: string[] = [];
  for (const lifetime of lifetimes) {
    if (!lifetime.readyAt) continue;
    const settled = lifetime.rss.filter((s) => s.at - (lifetime.readyAt as number) >= options.warmupS * 1000);
    all.push(...settled.map((s) => s.kb));
    const first = settled.slice(0, 5);
    if (first.length > 0) {
      const level = median(first.map((s) => s.kb));
      const third = (runEnd - runStart) / 3;
      if ((lifetime.readyAt as number) < runStart + third) early.push(level);
      else if ((lifetime.readyAt as number) >= runEnd - third) late.push(level);
    }
    const span = settled.length > 1 ? (settled.at(-1)?.at ?? 0) - (settled[0]?.at ?? 0) : 0;
    if (span < options.minRssSpanS * 1000 || settled.length < 10) continue;
    measured++;
    const start = median(first.map((s) => s.kb));
    const end = median(settled.slice(-5).map((s) => s.kb));
    maxGrowth = Math.max(maxGrowth, (end / start - 1) * 100);
    detail.push(`${Math.round(start / 1024)}→${Math.round(end / 1024)} MB in ${Math.round(span / 1000)} s`);
  }
  const drift = early.length && late.length ? (median(late) / median(early) - 1) * 100 : Number.NaN;
  return {
    lifetimesMeasured: measured,
    maxGrowthPct: measured ? maxGrowth : Number.NaN,
    medianRssMb: median(all) / 1024,
    driftPct: drift,
    detail,
  };
}

export async function runSoak(options: SoakOptions = DEFAULT_SOAK): Promise<SoakReport> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const loadBefore = loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
  const sink = new Sink();
  const sinkUrl = await sink.start();
  const dbPath = tempDatabase();
  const apiKey = await prepareDatabase(dbPath, { soak: soakFlow(sinkUrl) });
  const replicas = new Replicas(dbPath, options.leaseMs);
  const failures: string[] = [];
  let heldBack = 0;
  let deadline = Number.POSITIVE_INFINITY;
  const client = new Client(replicas, apiKey, () => deadline);
  const sampler = setInterval(() => replicas.sampleRss(), 1000);
  try {
    await replicas.open(2);
    log(
      `soak: 2 servers on ${dbPath}; ${options.rate} req/s for ${options.seconds} s, a SIGKILL every ${options.minKillS}-${options.maxKillS} s`,
    );
    const runStart = Date.now();
    const loadEnd = runStart + options.seconds * 1000;

    // Chaos: one server killed and restarted at random intervals, only while both are up.
    const chaos = (async () => {
      while (Date.now() < loadEnd) {
        await sleep(between(options.minKillS, options.maxKillS) * 1000);
        if (Date.now() >= loadEnd) break;
        if (!replicas.slots.every((slot) => slot.ready)) continue;
        const victim = replicas.slots[Math.floor(Math.random() * replicas.slots.length)] as Slot;
        await replicas.kill(victim);
        log(
          `soak: +${Math.round((Date.now() - runStart) / 1000)} s killed server ${victim.index} (kill ${replicas.kills.length})`,
        );
        try {
          await replicas.start(victim);
        } catch (error) {
          // Reported as a miss; the run goes on with a fresh process in its place.
          failures.push(`server ${victim.index} did not come back: ${String(error).slice(0, 500)}`);
          await replicas.kill(victim);
          await replicas.start(victim).catch(() => undefined);
        }
      }
    })();

    // Load: open loop at a steady rate, each request under its own key, as long as the servers keep
    // up: past a backlog of a few seconds' worth the sender holds back (and counts it), so an
    // overloaded machine shows as a lower rate instead of a pile of timed-out retries.
    const pending: Promise<void>[] = [];
    const cap = Math.max(50, options.rate * 3);
    let n = 0;
    let scheduled = 0;
    while (Date.now() < loadEnd) {
      const due = Math.floor(((Date.now() - runStart) / 1000) * options.rate);
      while (scheduled < due) {
        scheduled++;
        if (client.inFlight >= cap) {
          heldBack++;
          continue;
        }
        const sentAt = Date.now();
        const request: SentRequest = {
          key: `soak-${String(++n).padStart(7, '0')}`,
          sentAt,
          remindAt: sentAt + Math.round(between(options.minTimerS, options.maxTimerS) * 1000),
          attempts: 0,
          failovers: 0,
          inProgressWaits: 0,
        };
        client.sent.push(request);
        pending.push(client.send(request));
      }
      await sleep(10);
    }
    await chaos;
    log(`soak: load over after ${client.sent.length} requests and ${replicas.kills.length} kills; draining`);

    // Drain: answers first (a key a dead request left reserved waits up to a minute), then the work.
    deadline = Date.now() + options.drainS * 1000;
    await Promise.all(pending);
    const acked = client.sent.filter((request) => request.ack);
    const executionIds = new Set(acked.flatMap((request) => request.ack?.executionIds ?? []));
    const allDone = () =>
      [...sink.keys('/ack')].filter((key) => executionIds.has(key.split(':')[0] as string)).length >=
        executionIds.size &&
      [...sink.keys('/remind')].filter((key) => executionIds.has(key.split(':')[0] as string)).length >=
        executionIds.size;
    const lastRemind = Math.max(0, ...client.sent.map((request) => request.remindAt));
    while (Date.now() < deadline && !allDone()) await sleep(250);
    // Late duplicates (a killed holder's job taken over after its lease) would show within a lease.
    await sleep(Math.max(0, lastRemind - Date.now()) + options.leaseMs + 2000);
    const drainedAt = Date.now();
    const drainSeconds = (drainedAt - loadEnd) / 1000;
    // Stopping ends deliveries in flight like a kill does; a repeat right after is explained by it.
    const stoppedAt = Date.now();
    await replicas.stopAll();
    clearInterval(sampler);
    const loadAfter = loadavg()
      .map((n) => n.toFixed(2))
      .join(' ');

    // Counting.
    const facts = await readStore(dbPath);
    const byExecution = new Map(facts.executions.map((execution) => [execution.id, execution]));
    const requestByExecution = new Map<string, SentRequest>();
    for (const request of acked) {
      for (const id of request.ack?.executionIds ?? []) requestByExecution.set(id, request);
    }
    const unacked = client.sent.filter((request) => !request.ack);
    const wrongCount = acked.filter((request) => request.ack?.executionIds.length !== 1);
    const completed = acked.filter((request) =>
      request.ack?.executionIds.every((id) => byExecution.get(id)?.status === 'completed'),
    );
    const completedKeys = new Set(completed.map((request) => request.key));
    const notCompleted = acked.filter((request) => !completedKeys.has(request.key));
    // A request run more than once: two executions carry its key (a retry that started it again).
    const executionsPerKey = new Map<string, number>();
    for (const key of facts.keyOf.values()) executionsPerKey.set(key, (executionsPerKey.get(key) ?? 0) + 1);
    const runTwice = [...executionsPerKey.entries()].filter(([, count]) => count > 1);
    // Executions no answer names: the request ran but its answer never got through (the client gave up).
    const orphans = facts.executions.filter((execution) => !requestByExecution.has(execution.id));
    const ticketDuplicates = [...facts.ticketsPerKey.entries()].filter(([, count]) => count > 1);
    const ticketMissing = acked.filter((request) => (facts.ticketsPerKey.get(request.key) ?? 0) === 0);

    // Deliveries per outbound idempotency key.
    const perKey = new Map<string, Arrival[]>();
    for (const arrival of sink.arrivals) {
      const list = perKey.get(arrival.outboundKey) ?? [];
      list.push(arrival);
      perKey.set(arrival.outboundKey, list);
    }
    const expectedKeys = new Map<string, { request: SentRequest; path: string }>();
    for (const [executionId, request] of requestByExecution) {
      expectedKeys.set(`${executionId}:hook:1`, { request, path: '/ack' });
      expectedKeys.set(`${executionId}:remind:1`, { request, path: '/remind' });
    }
    const lostDeliveries = [...expectedKeys.keys()].filter((key) => !perKey.has(key));
    // A key of no stored execution (executions of unacknowledged requests deliver too).
    const unexpectedKeys = [...perKey.keys()].filter((key) => !byExecution.has(key.split(':')[0] as string));
    const wrongRequest = [...perKey.entries()].filter(
      ([key, arrivals]) =>
        expectedKeys.has(key) && arrivals.some((a) => a.requestKey !== expectedKeys.get(key)?.request.key),
    );
    // Delivered again under the same key. At-least-once delivery does that when the sender never
    // learnt that the receiver had it: it was killed in between, or its attempt failed (a timeout
    // while the receiver was slow to answer) and was retried. Anything else is a duplicate.
    const failedAt = new Map<string, number[]>();
    for (const { executionId, at } of replicas.lifetimes.flatMap((lifetime) => lifetime.failedAttempts)) {
      failedAt.set(executionId, [...(failedAt.get(executionId) ?? []), at]);
    }
    const repeated = [...perKey.entries()].filter(([, arrivals]) => arrivals.length > 1);
    const afterKill = (arrivals: Arrival[]) => {
      const first = arrivals[0]?.at ?? 0;
      return [...replicas.kills, stoppedAt].some((kill) => kill >= first - 50 && kill - first <= 2000);
    };
    const afterFailedAttempt = (key: string, arrivals: Arrival[]) => {
      const first = (arrivals[0]?.at ?? 0) - 1000;
      const last = arrivals.at(-1)?.at ?? 0;
      return (failedAt.get(key.split(':')[0] as string) ?? []).some((at) => at >= first && at <= last);
    };
    const repeatedAfterKill = repeated.filter(([, arrivals]) => afterKill(arrivals));
    const repeatedAfterFailure = repeated.filter(
      ([key, arrivals]) => !afterKill(arrivals) && afterFailedAttempt(key, arrivals),
    );
    const repeatedUnexplained = repeated.filter(
      ([key, arrivals]) => !afterKill(arrivals) && !afterFailedAttempt(key, arrivals),
    );

    // Timers: one wait per acknowledged execution, due at the request's remindAt.
    let timersFired = 0;
    let timersTwice = 0;
    let timersEarly = 0;
    const lateness: number[] = [];
    for (const [executionId, request] of requestByExecution) {
      const finished = facts.waits.get(executionId) ?? [];
      if (finished.length > 0) timersFired++;
      if (finished.length > 1) timersTwice++;
      const remind = perKey.get(`${executionId}:remind:1`)?.[0];
      const firedAt = Math.min(
        ...finished.map((at) => Date.parse(at)),
        remind?.at ?? Number.POSITIVE_INFINITY,
      );
      if (Number.isFinite(firedAt)) {
        if (firedAt < request.remindAt || (remind && remind.at < request.remindAt)) timersEarly++;
        if (remind) lateness.push(remind.at - request.remindAt);
      }
    }
    const timersDue = requestByExecution.size;

    const rss = rssFigures(replicas.lifetimes, options, runStart, loadEnd);
    const unexpectedExits = replicas.lifetimes.filter(
      (lifetime) => !lifetime.killed && lifetime.endedAt !== undefined && lifetime.endedAt < drainedAt,
    );

    const checks: SoakCheck[] = [
      {
        name: 'requests acknowledged (2xx) / sent',
        value: `${acked.length} / ${client.sent.length}`,
        target: 'all',
        ok: unacked.length === 0 && client.sent.length > 0,
      },
      {
        name: 'acknowledged with exactly one execution',
        value: `${acked.length - wrongCount.length}`,
        target: `${acked.length}`,
        ok: wrongCount.length === 0,
      },
      {
        name: 'executions completed / acknowledged',
        value: `${completed.length} / ${acked.length}`,
        target: 'all (0 lost)',
        ok: notCompleted.length === 0,
      },
      {
        name: 'requests run more than once (executions per key > 1)',
        value: String(runTwice.length),
        target: '0',
        ok: runTwice.length === 0,
      },
      {
        name: 'executions of requests whose answer never got through',
        value: String(orphans.length),
        target: '0 (every request acknowledged)',
        ok: orphans.length === 0,
      },
      {
        name: 'timers and deliveries still due when the drain ended',
        value: String(facts.workLeft),
        target: '0 (else the run was overloaded)',
        ok: facts.workLeft === 0,
      },
      {
        name: 'tickets per request: missing / duplicated',
        value: `${ticketMissing.length} / ${ticketDuplicates.length}`,
        target: '0 / 0',
        ok: ticketMissing.length === 0 && ticketDuplicates.length === 0,
      },
      {
        name: 'webhook keys delivered / expected (2 per request)',
        value: `${expectedKeys.size - lostDeliveries.length} / ${expectedKeys.size}`,
        target: 'all (0 lost)',
        ok: lostDeliveries.length === 0,
      },
      {
        name: 'webhook keys no execution explains, or carrying another request',
        value: `${unexpectedKeys.length + wrongRequest.length}`,
        target: '0',
        ok: unexpectedKeys.length === 0 && wrongRequest.length === 0,
      },
      {
        name: 'same key delivered again with no kill or failed attempt behind it (duplicated)',
        value: String(repeatedUnexplained.length),
        target: '0',
        ok: repeatedUnexplained.length === 0,
      },
      {
        name: 'same key delivered again after a kill / after a failed attempt (receiver dedupes by key)',
        value: `${repeatedAfterKill.length} / ${repeatedAfterFailure.length}`,
        target: 'reported',
        ok: true,
      },
      {
        name: 'timers fired / due',
        value: `${timersFired} / ${timersDue}`,
        target: 'all',
        ok: timersFired === timersDue && timersDue > 0,
      },
      {
        name: 'timers fired twice / early',
        value: `${timersTwice} / ${timersEarly}`,
        target: '0 / 0',
        ok: timersTwice === 0 && timersEarly === 0,
      },
      {
        name: 'servers that exited without being killed, or did not come back',
        value: String(unexpectedExits.length),
        target: '0',
        ok: unexpectedExits.length === 0 && failures.length === 0,
      },
      {
        name: `RSS growth per lifetime after ${options.warmupS} s warm-up (max, lifetimes ≥ ${options.minRssSpanS} s)`,
        value: rss.lifetimesMeasured
          ? `${rss.maxGrowthPct.toFixed(1)} % over ${rss.lifetimesMeasured} lifetimes`
          : 'no lifetime long enough',
        target: '< 10 %',
        ok: rss.lifetimesMeasured === 0 || rss.maxGrowthPct < 10,
      },
      {
        name: 'RSS after warm-up, last third of the run vs first third',
        value: Number.isFinite(rss.driftPct) ? `${rss.driftPct.toFixed(1)} %` : 'not enough lifetimes',
        target: '< 10 %',
        ok: !Number.isFinite(rss.driftPct) || rss.driftPct < 10,
      },
    ];
    const figures: Record<string, number | string> = {
      seconds: options.seconds,
      rate: options.rate,
      sent: client.sent.length,
      acknowledged: acked.length,
      replayedAnswers: acked.filter((request) => request.ack?.replayed).length,
      failovers: client.sent.reduce((sum, request) => sum + request.failovers, 0),
      requestsFailedOver: client.sent.filter((request) => request.failovers > 0).length,
      inProgressWaits: client.sent.reduce((sum, request) => sum + request.inProgressWaits, 0),
      maxInFlight: client.maxInFlight,
      heldBack,
      achievedRate: (client.sent.length / options.seconds).toFixed(1),
      kills: replicas.kills.length,
      killedAtS: replicas.kills.map((at) => Math.round((at - runStart) / 1000)).join(' '),
      lifetimes: replicas.lifetimes.length,
      leaseLost: replicas.lifetimes.reduce((sum, lifetime) => sum + lifetime.leaseLost, 0),
      failedAttempts: replicas.lifetimes.reduce((sum, lifetime) => sum + lifetime.failedAttempts.length, 0),
      logs: dirname(dbPath),
      executions: facts.executions.length,
      deliveries: sink.arrivals.length,
      timerLatenessP50Ms: Math.round(percentile(lateness, 50)),
      timerLatenessP99Ms: Math.round(percentile(lateness, 99)),
      timerLatenessMaxMs: Math.round(Math.max(...lateness)),
      ackLatencyP50Ms: Math.round(
        percentile(
          acked.map((r) => (r.ack?.at ?? 0) - r.sentAt),
          50,
        ),
      ),
      ackLatencyP99Ms: Math.round(
        percentile(
          acked.map((r) => (r.ack?.at ?? 0) - r.sentAt),
          99,
        ),
      ),
      medianRssMb: Math.round(rss.medianRssMb),
      rssLifetimes: rss.detail.join(', ') || 'none measured',
      drainSeconds: Math.round(drainSeconds),
      loadBefore,
      loadAfter,
    };
    for (const request of unacked.slice(0, 5)) failures.push(`${request.key}: ${request.failure}`);
    for (const request of notCompleted.slice(0, 5)) {
      const id = request.ack?.executionIds[0] ?? '';
      failures.push(`${request.key}: execution ${id} is ${byExecution.get(id)?.status ?? 'missing'}`);
    }
    for (const execution of orphans.slice(0, 5))
      failures.push(`unnamed execution ${execution.id} (${execution.status})`);
    for (const key of lostDeliveries.slice(0, 5)) failures.push(`never delivered: ${key}`);
    for (const [key, arrivals] of repeatedUnexplained.slice(0, 5)) {
      failures.push(
        `delivered ${arrivals.length}× without a kill: ${key} at ${arrivals.map((a) => a.at - runStart).join(', ')} ms`,
      );
    }
    for (const lifetime of unexpectedExits.slice(0, 2))
      failures.push(`server pid ${lifetime.pid} exited:\n${lifetime.output.slice(-2000)}`);
    const ok = checks.every((check) => check.ok);
    return { ok, checks, figures, table: formatTable(checks, figures), failures };
  } finally {
    clearInterval(sampler);
    await replicas.stopAll().catch(() => undefined);
    await sink.stop();
  }
}

function formatTable(checks: SoakCheck[], figures: Record<string, number | string>): string {
  const lines = [
    '| Check | Value | Target | |',
    '| --- | --- | --- | --- |',
    ...checks.map(
      (check) => `| ${check.name} | ${check.value} | ${check.target} | ${check.ok ? 'ok' : '**MISSED**'} |`,
    ),
    '',
    `${figures.seconds} s at ${figures.rate} req/s; ${figures.kills} SIGKILLs at ${figures.killedAtS} s (${figures.lifetimes} server lifetimes); ` +
      `${figures.leaseLost} jobs whose lease ran out while they ran, ${figures.failedAttempts} failed outbox attempts retried; ` +
      `at most ${figures.maxInFlight} requests in flight, ${figures.heldBack} held back when the servers fell behind (${figures.achievedRate} req/s sent); ` +
      `${figures.requestsFailedOver} requests failed over to the other server (${figures.failovers} attempts), ` +
      `${figures.replayedAnswers} answered by an idempotent replay, ${figures.inProgressWaits} waits on a key a killed request held; ` +
      `answer p50/p99 ${figures.ackLatencyP50Ms}/${figures.ackLatencyP99Ms} ms; timer lateness p50/p99/max ` +
      `${figures.timerLatenessP50Ms}/${figures.timerLatenessP99Ms}/${figures.timerLatenessMaxMs} ms; median RSS ${figures.medianRssMb} MB (lifetimes measured: ${figures.rssLifetimes}); ` +
      `drain ${figures.drainSeconds} s; load average ${figures.loadBefore} before, ${figures.loadAfter} after.`,
  ];
  return lines.join('\n');
}

function record(report: SoakReport, command: string): void {
  const path = resolve(ROOT, 'BENCHMARKS.md');
  const current = readFileSync(path, 'utf8');
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const section = [
    '<!-- soak:start -->',
    `Run ${new Date().toISOString()} on ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}: ` +
      `\`${command}\` (result: ${report.ok ? 'every target met' : 'TARGETS MISSED'}).`,
    '',
    report.table,
    '<!-- soak:end -->',
  ].join('\n');
  const pattern = /<!-- soak:start -->[\s\S]*?<!-- soak:end -->/;
  const next = pattern.test(current)
    ? current.replace(pattern, section)
    : `${current.trimEnd()}\n\n## Soak: two replicas under SIGKILL\n\n${section}\n`;
  writeFileSync(path, next);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string', default: '10' },
      rate: { type: 'string' },
      'min-kill': { type: 'string' },
      'max-kill': { type: 'string' },
      record: { type: 'boolean', default: false },
    },
  });
  const minutes = Number(values.minutes);
  if (!(minutes > 0)) throw new Error('--minutes must be a positive number');
  const rate = values.rate ? Number(values.rate) : DEFAULT_SOAK.rate;
  if (!(rate > 0)) throw new Error('--rate must be a positive number');
  const minKillS = Number(values['min-kill'] ?? DEFAULT_SOAK.minKillS);
  const maxKillS = Number(values['max-kill'] ?? DEFAULT_SOAK.maxKillS);
  if (!(minKillS > 0 && maxKillS >= minKillS))
    throw new Error('--min-kill and --max-kill: 0 < min ≤ max seconds');
  const report = await runSoak({
    ...DEFAULT_SOAK,
    seconds: Math.round(minutes * 60),
    rate,
    minKillS,
    maxKillS,
  });
  process.stdout.write(`\n${report.table}\n`);
  for (const failure of report.failures) process.stdout.write(`\n${failure}\n`);
  if (values.record) {
    record(
      report,
      `npm run soak -- --minutes ${minutes} --rate ${rate} --min-kill ${minKillS} --max-kill ${maxKillS} --record`,
    );
  }
  process.exitCode = report.ok ? 0 : 1;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) await main();
