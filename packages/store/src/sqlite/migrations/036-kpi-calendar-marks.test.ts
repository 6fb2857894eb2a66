import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleTicket } from '../../contract/tickets.contract.ts';
import type { Team } from '../../port/team.types.ts';
import type { Store } from '../../store.port.ts';
import { openSqliteStore } from '../open-sqlite-store.ts';

/**
 * Migration 036: a team's calendar change marks that team's tickets for the
 * KPI rollup job, in the change's own transaction; nothing else does.
 */

const OFFICE_HOURS = {
  timezone: 'Asia/Shanghai',
  weekly: [{ days: ['mon' as const], from: '09:00', to: '18:00' }],
  holidays: [],
  workdays: [],
};

function team(id: string, calendar: Team['calendar']): Team {
  return {
    id,
    workspaceId: 'default',
    name: { 'zh-CN': id, en: id },
    skills: [],
    calendar,
    supervisorQueue: null,
  };
}

let store: Store;

async function clearMarks() {
  const marks = await store.kpiRollups.dirty(1000);
  await store.kpiRollups.write({ done: marks, facts: [], removed: [], changes: () => [] });
  expect(await store.kpiRollups.dirtyCount()).toBe(0);
}

async function marked(): Promise<string[]> {
  return (await store.kpiRollups.dirty(1000)).map((mark) => mark.ticketId).sort();
}

describe('migration 036: kpi marks on a team calendar change', () => {
  beforeEach(async () => {
    store = await openSqliteStore({ path: ':memory:' });
    await store.teams.put(team('office', null));
    await store.teams.put(team('field', OFFICE_HOURS));
    await store.tickets.create(sampleTicket('1', { team: 'office' }));
    await store.tickets.create(sampleTicket('2', { team: 'office' }));
    await store.tickets.create(sampleTicket('3', { team: 'field' }));
    await store.tickets.create(sampleTicket('4', { team: null }));
    await clearMarks();
  });
  afterEach(() => store.close());

  it("marks exactly the team's tickets when its calendar changes (hours, holidays, make-up workdays)", async () => {
    await store.teams.put(team('office', OFFICE_HOURS));
    expect(await marked()).toEqual([sampleTicket('1').id, sampleTicket('2').id].sort());

    await clearMarks();
    await store.teams.put(team('field', { ...OFFICE_HOURS, holidays: ['2026-10-01'] }));
    expect(await marked()).toEqual([sampleTicket('3').id]);

    await clearMarks();
    await store.teams.put(
      team('field', { ...OFFICE_HOURS, holidays: ['2026-10-01'], workdays: ['2026-09-27'] }),
    );
    expect(await marked()).toEqual([sampleTicket('3').id]);

    await clearMarks();
    await store.teams.put(team('field', null));
    expect(await marked()).toEqual([sampleTicket('3').id]);
  });

  it('marks nothing when a team is saved with the same calendar or only renamed', async () => {
    await store.teams.put(team('field', OFFICE_HOURS));
    await store.teams.put({ ...team('field', OFFICE_HOURS), name: { 'zh-CN': '外勤', en: 'Field' } });
    await store.teams.put(team('new-team', OFFICE_HOURS));
    expect(await marked()).toEqual([]);
  });

  it('a calendar change rolled back leaves no mark; a mark already waiting is bumped, not lost', async () => {
    await expect(
      store.transaction(async (tx) => {
        await tx.teams.put(team('office', OFFICE_HOURS));
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await marked()).toEqual([]);

    await store.tickets.update(sampleTicket('1').id, { title: 'changed' });
    const [before] = await store.kpiRollups.dirty(10);
    await store.teams.put(team('office', OFFICE_HOURS));
    const after = await store.kpiRollups.dirty(10);
    expect(after.find((mark) => mark.ticketId === before?.ticketId)?.seq).toBe((before?.seq ?? 0) + 1);
  });
});
