import {
  ANOMALY_SETTINGS_KEY,
  type AnomalyFinding,
  type AnomalySettings,
  baselineHours,
  detectAnomalies,
  HOUR_MS,
  type HourTickets,
  hourSeries,
  hourStart,
  lastCompleteHour,
  readAnomalySettings,
} from '@flowdesk/desk';
import { start } from '@flowdesk/engine';
import { ANOMALY_SERIES } from '@flowdesk/model';
import type { Anomaly, Job, Store, StoreRepositories } from '@flowdesk/store';
import { z } from 'zod';
import type { Clock, IdSource } from '../app-deps.ts';
import type { DeskJobServices } from './desk-job-services.ts';
import { entryAdmits } from './trigger-match.ts';

/**
 * The hourly anomaly check (issue 14, item 5) as a durable job: one job per
 * hour, keyed by the hour, so two replicas scheduling it enqueue one job, and
 * each run enqueues the next hour's in its own transaction. A run judges the
 * hour in its payload once that hour is complete, stores each anomaly once
 * (the store's unique key) and starts the "Anomaly detected" flows only for
 * anomalies it stored itself: a retried job or a second replica finds them
 * stored and starts nothing again.
 */
export const ANOMALY_DETECT_JOB = 'analytics.detect_anomalies';

/** Tickets created just before the hour ended may still be committing; the check waits this long. */
export const ANOMALY_DETECT_DELAY_MS = 2 * 60 * 1000;

const AnomalyJobPayloadSchema = z.object({ hour: z.iso.datetime() });

function jobKey(hour: number): string {
  return `${ANOMALY_DETECT_JOB}:${new Date(hour).toISOString()}`;
}

/** Enqueues the check of `hour` to run once it is over; a second call for the same hour changes nothing. */
export async function enqueueAnomalyCheck(
  repos: Pick<StoreRepositories, 'jobs'>,
  hour: number,
  id: string,
  now: Date,
): Promise<void> {
  await repos.jobs.enqueue({
    id,
    kind: ANOMALY_DETECT_JOB,
    runAt: new Date(hour + HOUR_MS + ANOMALY_DETECT_DELAY_MS).toISOString(),
    payload: { hour: new Date(hour).toISOString() },
    idempotencyKey: jobKey(hour),
    now: now.toISOString(),
  });
}

/** At start: makes sure the current hour's check is queued (every replica may call it). */
export async function scheduleAnomalyChecks(store: Store, clock: Clock, ids: IdSource): Promise<void> {
  const now = clock.now();
  await enqueueAnomalyCheck(store, hourStart(now.getTime()), ids.next(), now);
}

async function hourTickets(store: Store, workspaceId: string, hour: number): Promise<HourTickets> {
  const window = {
    workspaceId,
    from: new Date(hour).toISOString(),
    to: new Date(hour + HOUR_MS).toISOString(),
  };
  const [created, due] = await Promise.all([
    store.anomalies.ticketsCreatedIn(window),
    store.anomalies.ticketsDueIn(window),
  ]);
  return { created, due };
}

/** The anomalies of one complete hour, judged against the same hour of the last K weeks. */
export async function findAnomalies(
  store: Store,
  workspaceId: string,
  hour: number,
  settings: AnomalySettings,
): Promise<AnomalyFinding[]> {
  const hours = [hour, ...baselineHours(hour, settings.baselineWeeks)];
  const tickets = await Promise.all(hours.map((instant) => hourTickets(store, workspaceId, instant)));
  const [current, ...history] = tickets.map((entry) => hourSeries(entry, settings));
  if (!current) return [];
  return detectAnomalies({ current, history, settings });
}

/** What a flow started by an anomaly reads as `anomaly.*`. */
export function anomalyTriggerData(anomaly: Anomaly): Record<string, unknown> {
  const label = ANOMALY_SERIES.labels[anomaly.seriesKind as keyof typeof ANOMALY_SERIES.labels];
  return {
    anomaly: {
      id: anomaly.id,
      kind: anomaly.seriesKind,
      kindLabel: { zh: label?.['zh-CN'] ?? anomaly.seriesKind, en: label?.en ?? anomaly.seriesKind },
      key: anomaly.seriesKey,
      value: Math.round(anomaly.value * 1000) / 1000,
      baseline: Math.round(anomaly.baseline * 1000) / 1000,
      score: anomaly.score,
      volume: anomaly.volume,
      hour: anomaly.hour,
    },
  };
}

interface AnomalyTriggerConfig {
  seriesKinds?: readonly string[];
  minScore?: number;
}

export function anomalyTriggerMatches(config: AnomalyTriggerConfig, anomaly: Anomaly): boolean {
  const kinds = config.seriesKinds ?? [];
  if (kinds.length > 0 && !kinds.includes(anomaly.seriesKind)) return false;
  return config.minScore === undefined || anomaly.score >= config.minScore;
}

export class AnomalyJobs {
  constructor(private readonly services: DeskJobServices) {}

  async run(job: Job, complete: (tx: StoreRepositories) => Promise<void>): Promise<void> {
    const { store, desk, log } = this.services;
    const parsed = AnomalyJobPayloadSchema.safeParse(job.payload);
    const hour = parsed.success ? hourStart(Date.parse(parsed.data.hour)) : null;
    const settings = readAnomalySettings(await store.workspaceSettings.get(ANOMALY_SETTINGS_KEY));
    const now = desk.clock.now();
    const findings =
      hour !== null && settings.enabled ? await findAnomalies(store, desk.workspaceId, hour, settings) : [];
    const live =
      findings.length > 0
        ? await this.services.flows.withTrigger(desk.workspaceId, 'trigger.anomaly_detected')
        : [];
    await store.transaction(async (tx) => {
      for (const finding of findings) {
        const recorded = await tx.anomalies.record({
          id: desk.ids.next(),
          workspaceId: desk.workspaceId,
          seriesKind: finding.kind,
          seriesKey: finding.key,
          hour: new Date(hour ?? 0).toISOString(),
          value: finding.value,
          baseline: finding.baseline,
          score: finding.score,
          volume: finding.volume,
          detectedAt: now.toISOString(),
        });
        if (!recorded.created) continue;
        log.info('anomaly detected', {
          anomalyId: recorded.anomaly.id,
          series: finding.kind,
          key: finding.key,
          score: finding.score,
        });
        await this.startFlows(tx, live, recorded.anomaly);
      }
      // The chain: the next hour, or the last complete one when this job ran long after its hour (server down).
      const next =
        hour === null ? hourStart(now.getTime()) : Math.max(hour + HOUR_MS, lastCompleteHour(now.getTime()));
      await enqueueAnomalyCheck(tx, next, desk.ids.next(), now);
      await complete(tx);
    });
  }

  private async startFlows(
    tx: StoreRepositories,
    live: Awaited<ReturnType<DeskJobServices['flows']['withTrigger']>>,
    anomaly: Anomaly,
  ): Promise<void> {
    const data = anomalyTriggerData(anomaly);
    for (const entry of live) {
      if (!anomalyTriggerMatches(entry.triggerConfig as AnomalyTriggerConfig, anomaly)) continue;
      const admitted = entryAdmits(entry.triggerConfig, data, (error) =>
        this.services.log.warn('entry conditions could not be evaluated; the flow does not start', {
          flowId: entry.flowId,
          error: error instanceof Error ? error.message : String(error),
        }),
      );
      if (!admitted) continue;
      const executionId = this.services.desk.ids.next();
      const now = this.services.desk.clock.now().toISOString();
      await this.services.driver.drive(
        tx,
        entry.flow,
        start(entry.flow, { data }, { now, executionId }),
        null,
      );
      this.services.log.debug('flow started by an anomaly', { executionId, flowId: entry.flowId });
    }
  }
}
