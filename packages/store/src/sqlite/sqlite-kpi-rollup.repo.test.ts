import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleTicket } from '../contract/tickets.contract.ts';
import type { KpiDirtyMark, KpiFactRecord, KpiRollupWrite } from '../port/kpi-rollup.types.ts';
import type { Store } from '../store.port.ts';
import { openSqliteStore } from './open-sqlite-store.ts';

/**
 * Two replicas folding the same ticket: the one that read an older mark must
 * not overwrite what the one with the newer mark wrote (the facts would stay
 * stale with no mark left to fix them).
 */

const DAY = '2026-12-01';

function fact(ticketId: string, label: string): KpiFactRecord {
  return {
    ticketId,
    workspaceId: 'default',
    createdAt: Date.parse(`${DAY}T02:00:00Z`),
    resolvedAt: null,
    heldSince: null,
    team: null,
    channel: 'web',
    flowId: null,
    category: label,
    agent: null,
    customerId: null,
    open: [],
    data: JSON.stringify({ label }),
  };
}

/**
 * Writes the fact and adds `count` to one day row for each ticket the store
 * hands to `changes` (as the job does: its deltas come from that map).
 */
function fold(mark: KpiDirtyMark, label: string, count: number): KpiRollupWrite {
  return {
    done: [mark],
    facts: [fact(mark.ticketId, label)],
    removed: [],
    changes: (previous) =>
      [...previous.keys()].map(() => ({
        key: {
          workspaceId: 'default',
          day: DAY,
          team: null,
          channel: 'web',
          flowId: null,
          grp: 'all',
          grpValue: null,
        },
        merge: (stored: string | null) =>
          JSON.stringify({ n: (stored ? (JSON.parse(stored) as { n: number }).n : 0) + count }),
      })),
  };
}

let store: Store;
const ticketId = sampleTicket('1').id;

async function markOf(id: string): Promise<KpiDirtyMark | undefined> {
  return (await store.kpiRollups.dirty(100)).find((mark) => mark.ticketId === id);
}

async function rollupCount(): Promise<number | null> {
  const rows = await store.kpiRollups.rows({ workspaceId: 'default' }, 'all', DAY, '2026-12-02');
  return rows.length === 0 ? null : (JSON.parse(rows[0]?.agg ?? '{}') as { n: number }).n;
}

describe('sqlite kpi rollups: a fold from an outdated mark', () => {
  beforeEach(async () => {
    store = await openSqliteStore({ path: ':memory:' });
    await store.tickets.create(sampleTicket('1'));
  });
  afterEach(() => store.close());

  it('changes nothing when the ticket changed again after the mark was read; the newer mark stays', async () => {
    const old = await markOf(ticketId);
    expect(old).toBeDefined();
    await store.tickets.update(ticketId, { priority: 'high', updatedAt: '2026-12-01T03:00:00.000Z' });
    const newer = await markOf(ticketId);
    expect(newer?.seq).toBeGreaterThan(old?.seq ?? 0);

    await store.kpiRollups.write(fold(old as KpiDirtyMark, 'old', 1));
    expect((await store.kpiRollups.factsOf([ticketId])).size).toBe(0);
    expect(await rollupCount()).toBeNull();
    expect(await markOf(ticketId)).toEqual(newer);

    await store.kpiRollups.write(fold(newer as KpiDirtyMark, 'new', 1));
    expect((await store.kpiRollups.factsOf([ticketId])).get(ticketId)?.category).toBe('new');
    expect(await rollupCount()).toBe(1);
    expect(await markOf(ticketId)).toBeUndefined();
  });

  it('changes nothing when another replica folded the ticket first (its mark is gone)', async () => {
    const mark = (await markOf(ticketId)) as KpiDirtyMark;
    await store.kpiRollups.write(fold(mark, 'first', 1));
    await store.kpiRollups.write(fold(mark, 'second', 1));
    expect((await store.kpiRollups.factsOf([ticketId])).get(ticketId)?.category).toBe('first');
    expect(await rollupCount()).toBe(1);
  });
});

describe('sqlite kpi rollups: rows with only some parts', () => {
  beforeEach(async () => {
    store = await openSqliteStore({ path: ':memory:' });
  });
  afterEach(() => store.close());

  it('leaves out the parts not asked for, and gives the whole agg without parts', async () => {
    const agg = {
      c: { n: 2 },
      r: { n: 1, res: { n: 1, b: { '10': 1 }, x: [700] } },
      s: { csat: { '5': 1 } },
      o: 1,
    };
    await store.kpiRollups.write({
      done: [],
      facts: [],
      removed: [],
      changes: () => [
        {
          key: {
            workspaceId: 'default',
            day: DAY,
            team: null,
            channel: 'web',
            flowId: null,
            grp: '',
            grpValue: null,
          },
          merge: () => JSON.stringify(agg),
        },
      ],
    });
    const read = async (parts?: Array<'c' | 'r' | 's'>) =>
      JSON.parse(
        (await store.kpiRollups.rows({ workspaceId: 'default' }, '', DAY, '2026-12-02', parts))[0]?.agg ??
          'null',
      ) as unknown;
    expect(await read()).toEqual(agg);
    expect(await read(['r'])).toEqual({ r: agg.r });
    expect(await read(['c', 's'])).toEqual({ c: agg.c, s: agg.s });
  });
});

describe('sqlite kpi rollups: the backlog at an instant', () => {
  beforeEach(async () => {
    store = await openSqliteStore({ path: ':memory:' });
  });
  afterEach(() => store.close());

  it('gives the creation times of exactly the tickets the keys read gives, filters applied', async () => {
    const at = (hour: number) => Date.parse(`${DAY}T${String(hour).padStart(2, '0')}:00:00Z`);
    const ticket = (id: string, createdAt: number, team: string, open: Array<[number, number | null]>) => ({
      ...fact(id, 'returns'),
      createdAt,
      team,
      open,
    });
    const facts = [
      ticket('open', at(1), 'a', [[at(1), null]]),
      ticket('closed-before', at(2), 'a', [[at(2), at(5)]]),
      ticket('reopened', at(3), 'b', [
        [at(3), at(4)],
        [at(8), null],
      ]),
      ticket('created-after', at(9), 'a', [[at(9), null]]),
    ];
    await store.kpiRollups.write({ done: [], facts, removed: [], changes: () => [] });
    const ascending = (times: number[]) => [...times].sort((x, y) => x - y);
    const both = async (instant: number, team?: string) => {
      const filters = { workspaceId: 'default', team };
      const keys = await store.kpiRollups.backlog(filters, instant);
      const created = await store.kpiRollups.backlogCreated(filters, instant);
      expect(ascending(created)).toEqual(ascending(keys.map((row) => row.createdAt)));
      return ascending(created);
    };
    expect(await both(at(6))).toEqual([at(1)]);
    expect(await both(at(8) + 1)).toEqual([at(1), at(3)]);
    expect(await both(at(8) + 1, 'b')).toEqual([at(3)]);
    expect(await both(at(10))).toEqual([at(1), at(3), at(9)]);
    expect(await both(at(4) + 1, 'a')).toEqual([at(1), at(2)]);
    // Instants early in the stored time read by start, late ones by end (migration 045): the same
    // tickets either way, at every instant around every interval's edges.
    for (let minute = 0; minute <= 11 * 60; minute += 30) {
      const instant = at(0) + minute * 60_000;
      const expected = facts
        .filter(
          (row) =>
            row.createdAt < instant &&
            row.open.some(([start, end]) => start <= instant && (end === null || end > instant)),
        )
        .map((row) => row.createdAt);
      expect(await both(instant)).toEqual(ascending(expected));
    }
  });
});
