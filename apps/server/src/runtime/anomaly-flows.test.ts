import { ANOMALY_SETTINGS_KEY, HOUR_MS, WEEK_MS } from '@flowdesk/desk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTemplates } from '../templates/template-loader.ts';
import { startTemplateEnv, type TemplateTestEnv } from '../templates/template-test-kit.ts';
import { ANOMALY_DETECT_DELAY_MS, ANOMALY_DETECT_JOB, scheduleAnomalyChecks } from './anomaly-jobs.ts';
import { sequentialIds } from './runtime-test-kit.ts';

/**
 * Issue 14's end-to-end point for the early warning, as a server test: the
 * manufacturing template applied, four ordinary weeks of repair requests and
 * then a surge of electrical faults in one hour, all through the REST API;
 * the hourly job finds the surge, stores it once, and the template's "fault
 * surge alert" flow emails the quality team through the loopback SMTP sink.
 */

// Wednesday 10:00 in Shanghai, inside the template's service hours.
const SURGE_HOUR = Date.parse('2026-12-02T02:00:00Z');
const QUALITY = 'quality@example.com';

let env: TemplateTestEnv;
let serial = 0;

function electrical(model: string) {
  return {
    channel: 'web_form',
    customer: { name: '苏州精工机械 张工', email: 'zhang.gong@sz-precision.example.com', locale: 'zh-CN' },
    subject: '加工中心报修',
    message: `${model} 加工中心一开机就跳闸，控制柜有焦味，请尽快派人。`,
    customFields: { deviceModel: model, serialNo: `${model}-0001`, region: 'east' },
  };
}

function mechanical(model: string) {
  return {
    channel: 'web_form',
    customer: { name: 'Kevin Ho', email: 'kevin.ho@pearl-stamping.example.com', locale: 'en' },
    subject: `${model} leaking`,
    message: `Our ${model} press is leaking oil from the main cylinder. Please send someone.`,
    customFields: { deviceModel: model, serialNo: `${model}-0001`, region: 'south' },
  };
}

async function send(at: number, body: unknown): Promise<void> {
  env.setTime(new Date(at).toISOString());
  const response = await fetch(`${env.baseUrl}/api/v1/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${env.apiKey}` },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(202);
}

/** Each request names its own device model, so no single model adds up to a surge of its own. */
const model = (prefix: string) => `${prefix}-${++serial}`;

async function ordinaryHour(start: number): Promise<void> {
  await send(start + 5 * 60_000, electrical(model('CNC')));
  for (let index = 0; index < 6; index++) await send(start + (10 + index) * 60_000, mechanical(model('HP')));
}

const qualityMails = () => env.smtp.received.filter((mail) => mail.to.includes(QUALITY));

describe('anomaly early warning, from requests to the quality team’s email', () => {
  beforeAll(async () => {
    env = await startTemplateEnv();
    const loads = await loadTemplates();
    const manufacturing = loads.find((load) => load.ok && load.template.manifest.id === 'manufacturing');
    if (!manufacturing?.ok) throw new Error('manufacturing template missing');
    expect(await env.apply(manufacturing.template)).toMatchObject({ ok: true });
    // A smaller workspace than the defaults assume: hours of 5 tickets or more are judged.
    await env.harness.store.workspaceSettings.set(
      ANOMALY_SETTINGS_KEY,
      { minVolume: 5 },
      new Date(0).toISOString(),
    );
    for (let week = 4; week >= 1; week--) await ordinaryHour(SURGE_HOUR - week * WEEK_MS);
    await env.drain();
  }, 120_000);

  afterAll(async () => {
    await env?.close();
  });

  it('stores one anomaly for the surging category and emails the quality team once', async () => {
    // The server (re)starts during the surge hour: its check of that hour is queued, twice over with two replicas.
    for (let index = 0; index < 7; index++)
      await send(SURGE_HOUR + (5 + index) * 60_000, electrical(model('CNC')));
    await env.drain();
    const store = env.harness.store;
    await scheduleAnomalyChecks(store, env.harness.clock, sequentialIds('replica-a'));
    await scheduleAnomalyChecks(store, env.harness.clock, sequentialIds('replica-b'));
    expect(await store.jobs.list({ kind: ANOMALY_DETECT_JOB, status: 'pending' })).toHaveLength(1);
    const before = qualityMails().length;

    env.setTime(new Date(SURGE_HOUR + HOUR_MS + ANOMALY_DETECT_DELAY_MS).toISOString());
    await env.drain();

    const anomalies = await store.anomalies.list({ workspaceId: 'default' });
    expect(anomalies).toHaveLength(1);
    expect(anomalies[0]).toMatchObject({
      seriesKind: 'category',
      seriesKey: 'electrical',
      hour: new Date(SURGE_HOUR).toISOString(),
      value: 7,
      baseline: 1,
      status: 'open',
    });
    expect(anomalies[0]?.score).toBeGreaterThanOrEqual(3.5);
    const mails = qualityMails().slice(before);
    expect(mails).toHaveLength(1);
    const text = `${mails[0]?.mail.subject ?? ''}\n${mails[0]?.mail.text ?? ''}`;
    expect(text).toContain('electrical');
    expect(text).toMatch(/7/);
    // The chain goes on: the next hour's check is queued.
    const next = await store.jobs.list({ kind: ANOMALY_DETECT_JOB, status: 'pending' });
    expect(next.map((job) => job.payload.hour)).toEqual([new Date(SURGE_HOUR + HOUR_MS).toISOString()]);
  });

  it('judging the same hour again stores nothing new and sends nothing again', async () => {
    const store = env.harness.store;
    const before = qualityMails().length;
    // A second replica's run of the same hour (a job without the schedule's key, as a retry would be).
    await store.jobs.enqueue({
      id: 'rerun',
      kind: ANOMALY_DETECT_JOB,
      runAt: env.harness.clock.now().toISOString(),
      payload: { hour: new Date(SURGE_HOUR).toISOString() },
      now: env.harness.clock.now().toISOString(),
    });
    await env.drain();
    expect(await store.jobs.get('rerun')).toMatchObject({ status: 'completed' });
    expect(await store.anomalies.list({ workspaceId: 'default' })).toHaveLength(1);
    expect(qualityMails()).toHaveLength(before);
  });
});
