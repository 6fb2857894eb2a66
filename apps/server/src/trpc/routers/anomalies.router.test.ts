import { DEFAULT_ANOMALY_SETTINGS } from '@flowdesk/desk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBed, type TestBed } from '../../testing/server-test-kit.ts';

/**
 * anomalies.* over tRPC (issue 14, item 5): who may read and acknowledge the
 * stored anomalies and who may change the detector's thresholds; bad input
 * changes nothing.
 */

const HOUR = 60 * 60 * 1000;

async function storeAnomaly(bed: TestBed, id: string, hour: string, score: number, key = 'electrical') {
  await bed.store.anomalies.record({
    id,
    workspaceId: 'default',
    seriesKind: 'category',
    seriesKey: key,
    hour,
    value: 42,
    baseline: 9,
    score,
    volume: 42,
    detectedAt: new Date(Date.parse(hour) + HOUR + 120_000).toISOString(),
  });
}

describe('anomalies procedures', () => {
  let bed: TestBed;
  beforeEach(async () => {
    bed = await createTestBed();
    await storeAnomaly(bed, 'a-old', '2026-11-21T02:00:00.000Z', 12);
    await storeAnomaly(bed, 'a-new', '2026-11-22T02:00:00.000Z', 5.5, 'mechanical');
  });
  afterEach(() => bed.close());

  it('lists the anomalies newest first with the series named in both languages, for dashboard readers only', async () => {
    for (const role of ['admin', 'supervisor', 'editor'] as const) {
      const answer = await bed.callerAs(bed.users[role]).anomalies.list();
      expect(answer.items.map((item) => item.id)).toEqual(['a-new', 'a-old']);
      expect(answer.items[0]).toMatchObject({
        seriesKind: 'category',
        seriesKey: 'mechanical',
        seriesLabel: { 'zh-CN': '分类的请求量', en: 'Requests per category' },
        hour: '2026-11-22T02:00:00.000Z',
        value: 42,
        baseline: 9,
        score: 5.5,
        status: 'open',
      });
      expect(answer.items[0]).not.toHaveProperty('workspaceId');
    }
    for (const role of ['agent', 'viewer'] as const) {
      await expect(bed.callerAs(bed.users[role]).anomalies.list()).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    }
    await expect(bed.callerAs(null).anomalies.list()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const window = await bed
      .callerAs(bed.users.editor)
      .anomalies.list({ from: '2026-11-21T00:00:00Z', to: '2026-11-22T00:00:00Z' });
    expect(window.items.map((item) => item.id)).toEqual(['a-old']);
  });

  it('refuses a reversed range with a translated error', async () => {
    const error = await bed
      .callerAs(bed.users.admin)
      .anomalies.list({ from: '2026-11-22T00:00:00Z', to: '2026-11-21T00:00:00Z' })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'BAD_REQUEST' });
    expect(JSON.stringify(error)).toMatch(/start time must come before/);
  });

  it('lets supervisors and admins acknowledge an anomaly once, audited; a second time is a conflict without audit; says which one is unknown', async () => {
    for (const role of ['agent', 'editor', 'viewer'] as const) {
      await expect(
        bed.callerAs(bed.users[role]).anomalies.acknowledge({ id: 'a-new' }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    const acked = await bed.callerAs(bed.users.supervisor).anomalies.acknowledge({ id: 'a-new' });
    expect(acked).toMatchObject({ id: 'a-new', status: 'acked', ackedBy: bed.users.supervisor.id });
    const auditedOnce = (await bed.store.audit.list()).items.filter(
      (item) => item.action === 'anomaly.acknowledged',
    ).length;
    // A second acknowledgement is a conflict naming the first one, changes nothing and writes no audit record.
    const again = await bed
      .callerAs(bed.users.admin)
      .anomalies.acknowledge({ id: 'a-new' })
      .catch((caught) => caught);
    expect(again).toMatchObject({ code: 'CONFLICT', cause: { code: 'anomaly_already_acknowledged' } });
    expect(again.cause.messages.en).toBe(
      `This anomaly was already acknowledged by ${bed.users.supervisor.name} at ${acked.ackedAt}; it cannot be acknowledged again`,
    );
    expect(again.cause.messages['zh-CN']).toContain(bed.users.supervisor.name);
    expect(await bed.store.anomalies.get('a-new')).toMatchObject({
      ackedBy: bed.users.supervisor.id,
      ackedAt: acked.ackedAt,
    });
    expect(
      (await bed.store.audit.list()).items.filter((item) => item.action === 'anomaly.acknowledged').length,
    ).toBe(auditedOnce);
    const open = await bed.callerAs(bed.users.admin).anomalies.list({ status: 'open' });
    expect(open.items.map((item) => item.id)).toEqual(['a-old']);
    await expect(bed.callerAs(bed.users.admin).anomalies.acknowledge({ id: 'nope' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const audit = await bed.store.audit.list();
    expect(
      audit.items.filter((item) => item.action === 'anomaly.acknowledged').map((item) => item.target),
    ).toEqual(['a-new']);
  });

  it('keeps the thresholds for admins only, with defaults, and refuses a value out of range without changing anything', async () => {
    const admin = bed.callerAs(bed.users.admin);
    expect(await admin.anomalies.settings()).toEqual(DEFAULT_ANOMALY_SETTINGS);
    for (const role of ['supervisor', 'editor', 'agent', 'viewer'] as const) {
      await expect(bed.callerAs(bed.users[role]).anomalies.settings()).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      await expect(
        bed.callerAs(bed.users[role]).anomalies.saveSettings({ minScore: 5 }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    const saved = await admin.anomalies.saveSettings({
      enabled: false,
      minScore: 5,
      minVolume: 20,
      baselineWeeks: 6,
    });
    expect(saved).toMatchObject({ enabled: false, minScore: 5, minVolume: 20, baselineWeeks: 6 });
    expect(await admin.anomalies.settings()).toEqual(saved);
    for (const bad of [
      { minScore: 0 },
      { minVolume: 0 },
      { baselineWeeks: 1 },
      { productFields: ['a b'] },
      { extra: 1 },
    ]) {
      await expect(admin.anomalies.saveSettings(bad as never)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    }
    expect(await admin.anomalies.settings()).toEqual(saved);
    const audit = await bed.store.audit.list();
    expect(audit.items.filter((item) => item.action === 'anomaly.settings_saved')).toHaveLength(1);
  });
});
