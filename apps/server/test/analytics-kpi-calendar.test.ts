import type { Team, Ticket } from '@flowdesk/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kpis } from '../src/analytics/analytics-service.ts';
import { refreshInBackground } from '../src/analytics/kpi-rollup-schedule.ts';
import type { AppServices } from '../src/app-deps.ts';
import { createServices } from '../src/boot/app-services.ts';
import { loadServerConfig } from '../src/config/server-config.ts';
import { CustomerLinks } from '../src/links/customer-links.ts';
import { createRuntimeHarness, type RuntimeHarness, sequentialIds } from '../src/runtime/runtime-test-kit.ts';

/**
 * A team's calendar change moves the business-hours KPIs on the rollups
 * (migration 036 marks the team's tickets; the background refresh folds them
 * in), to the raw path's numbers. Tickets opened on Saturday 14 November 2026
 * at 10:00 Beijing time and resolved on Monday at 10:00: one business hour on a
 * Monday-to-Friday 09:00-18:00 calendar, nine once Saturday opens too, and none
 * of Monday's once that Monday is a holiday.
 */

const HOUR = 3_600_000;
const WEEK = { from: '2026-11-13T16:00:00Z', to: '2026-11-20T16:00:00Z' };
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
type Calendar = NonNullable<Team['calendar']>;
const OFFICE: Calendar = {
  timezone: 'Asia/Shanghai',
  weekly: [{ days: [...WEEKDAYS], from: '09:00', to: '18:00' }],
  holidays: [],
  workdays: [],
};

function team(calendar: Calendar | null): Team {
  return {
    id: 'office',
    workspaceId: 'default',
    name: { 'zh-CN': '办公室', en: 'Office' },
    skills: [],
    calendar,
    supervisorQueue: null,
  };
}

function ticket(index: number, team: string | null): Ticket {
  const created = new Date('2026-11-14T02:00:00Z').toISOString();
  const resolved = new Date('2026-11-16T02:00:00Z').toISOString();
  return {
    id: `t${index}`,
    number: `CS20261114${String(index).padStart(4, '0')}`,
    workspaceId: 'default',
    title: '报修',
    description: '设备故障',
    channel: 'email',
    category: 'electrical',
    priority: 'medium',
    status: 'resolved',
    team,
    assignee: null,
    customerId: null,
    vipLevel: 0,
    customFields: {},
    tags: [],
    solution: null,
    slaPolicyId: null,
    firstResponseDueAt: null,
    resolutionDueAt: null,
    firstRespondedAt: null,
    pausedAt: null,
    pausedMs: 0,
    slaState: 'none',
    slaRevision: 0,
    createdByKey: null,
    createdAt: created,
    updatedAt: resolved,
    resolvedAt: resolved,
    closedAt: null,
  };
}

describe('KPI rollups after a team calendar change', () => {
  let harness: RuntimeHarness;
  let services: AppServices;

  beforeAll(async () => {
    harness = await createRuntimeHarness();
    await harness.store.teams.put(team(OFFICE));
    for (let index = 1; index <= 3; index++) await harness.store.tickets.create(ticket(index, 'office'));
    await harness.store.tickets.create(ticket(4, null));
    services = createServices({
      store: harness.store,
      config: loadServerConfig({}),
      clock: harness.clock,
      ids: sequentialIds('http'),
      runtime: harness.runtime,
      links: new CustomerLinks(harness.store, undefined),
    });
  });

  afterAll(async () => {
    services?.close();
    await harness.close();
  });

  async function businessResolution(): Promise<unknown> {
    const answer = await kpis(services, { ...WEEK, team: 'office', compareWithPrevious: false });
    return answer.kpis.find((kpi) => kpi.id === 'resolution_business_p50')?.value;
  }

  /** The same question answered from the tickets (the raw path), rollups switched off. */
  async function raw(): Promise<unknown> {
    const rollups = services.store.kpiRollups;
    const store = services.store as { kpiRollups: typeof rollups };
    store.kpiRollups = { ...rollups, enabled: false };
    try {
      return await businessResolution();
    } finally {
      store.kpiRollups = rollups;
    }
  }

  it('follows opening hours, holidays and make-up workdays without a rebuild', async () => {
    expect(await businessResolution()).toBe(HOUR);
    expect(await services.store.kpiRollups.dirtyCount()).toBe(0);

    // Saturday opens: the calendar change marks the team's three tickets, the background folds them in.
    await harness.store.teams.put(
      team({ ...OFFICE, weekly: [...OFFICE.weekly, { days: ['sat'], from: '09:00', to: '18:00' }] }),
    );
    expect(await services.store.kpiRollups.dirtyCount()).toBe(3);
    expect(await refreshInBackground(services)).toEqual({ folded: 3, waiting: 0 });
    expect(await businessResolution()).toBe(9 * HOUR);
    expect(await raw()).toBe(9 * HOUR);

    // Monday becomes a holiday (Saturday closed again): no business time between Saturday and Monday 10:00.
    await harness.store.teams.put(team({ ...OFFICE, holidays: ['2026-11-16'] }));
    expect(await services.store.kpiRollups.dirtyCount()).toBe(3);
    const holiday = await businessResolution();
    expect(holiday).toBe(await raw());
    expect(holiday).not.toBe(HOUR);

    // The 14th, a Saturday, made a make-up workday (调休) with Monday's hours: 8 h on it, Monday still a holiday.
    await harness.store.teams.put(team({ ...OFFICE, holidays: ['2026-11-16'], workdays: ['2026-11-14'] }));
    expect(await services.store.kpiRollups.dirtyCount()).toBe(3);
    expect(await refreshInBackground(services)).toEqual({ folded: 3, waiting: 0 });
    expect(await businessResolution()).toBe(8 * HOUR);
    expect(await raw()).toBe(8 * HOUR);
  });
});
