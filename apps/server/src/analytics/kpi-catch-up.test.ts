import type { SqliteStore } from '@flowdesk/store';
import { ANALYTICS_DEFAULT_LIMIT } from '@flowdesk/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBed, type TestBed } from '../testing/server-test-kit.ts';
import { seedDesk } from '../tickets/ticket-test-seed.ts';
import { catchUpKpiRollups, ROLLUP_CATCH_UP_LIMIT } from './kpi-rollup-job.ts';

/**
 * What a dashboard read folds in before answering (review M3): a time budget,
 * not a count; what is left is reported as pendingChanges; beyond
 * ROLLUP_CATCH_UP_LIMIT waiting, the tickets answer (the raw path) and nothing
 * is folded by the read.
 */

const DAY = { from: '2026-11-22T00:00:00Z', to: '2026-11-23T00:00:00Z' };

describe('KPI rollup catch-up on a dashboard read', () => {
  let bed: TestBed;
  beforeEach(async () => {
    bed = await createTestBed();
  });
  afterEach(() => bed.close());

  const waiting = () => bed.store.kpiRollups.dirtyCount();

  it('folds within its budget, leaves the rest waiting, and the answer counts what it did not fold', async () => {
    await seedDesk(bed);
    expect(await waiting()).toBeGreaterThan(0);
    const marked = await waiting();
    // A spent budget folds nothing (a started batch is finished, none is started).
    expect(await catchUpKpiRollups(bed.services, 0)).toBe(marked);
    expect(await waiting()).toBe(marked);

    const supervisor = bed.callerAs(bed.users.supervisor);
    const answer = await supervisor.analytics.kpis(DAY);
    expect(answer.pendingChanges).toBe(0);
    expect(answer.kpis.find((kpi) => kpi.id === 'volume')?.value).toBe(1);
    expect(await waiting()).toBe(0);
  });

  it('leaves a backlog beyond the limit to the background job and answers from the tickets', async () => {
    await seedDesk(bed);
    const supervisor = bed.callerAs(bed.users.supervisor);
    await supervisor.analytics.kpis(DAY);
    // As after an upgrade or a rebuild: more marks than a read may fold (ids of no ticket: cheap to fold later).
    const db = (bed.store as SqliteStore).database;
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i <= ?)
       INSERT INTO kpi_dirty (ticket_id, seq) SELECT 'gone-' || i, 1 FROM n`,
    ).run(ROLLUP_CATCH_UP_LIMIT);
    const marked = await waiting();
    expect(marked).toBeGreaterThan(ROLLUP_CATCH_UP_LIMIT);

    expect(await catchUpKpiRollups(bed.services, 60_000)).toBe(marked);
    const answer = await supervisor.analytics.kpis(DAY);
    expect(await waiting()).toBe(marked);
    expect(answer.pendingChanges).toBe(0);
    expect(answer.kpis.find((kpi) => kpi.id === 'volume')?.value).toBe(1);
  });

  it('answers from the rollups as far as they are when the backlog is long and the range too big for the tickets', async () => {
    await seedDesk(bed);
    const supervisor = bed.callerAs(bed.users.supervisor);
    await supervisor.analytics.kpis(DAY);
    // More tickets in the day than the raw path reads, all waiting to be folded in (as after
    // an upgrade at a million tickets): copies of the seeded ticket, each with its own id and number.
    const db = (bed.store as SqliteStore).database;
    const columns = (db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('tickets') as string[])
      .map((name) => (name === 'id' ? "'copy-' || i" : name === 'number' ? "number || '-' || i" : name))
      .join(', ');
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i <= ?)
       INSERT INTO tickets SELECT ${columns} FROM n, (SELECT * FROM tickets LIMIT 1)`,
    ).run(ANALYTICS_DEFAULT_LIMIT);
    // Written behind the tickets repository, so marked by hand, as a migration rewriting tickets does.
    db.exec("INSERT INTO kpi_dirty (ticket_id, seq) SELECT id, 1 FROM tickets WHERE id LIKE 'copy-%'");
    const marked = await waiting();
    expect(marked).toBeGreaterThan(ANALYTICS_DEFAULT_LIMIT);

    const answer = await supervisor.analytics.kpis(DAY);
    expect(answer.pendingChanges).toBe(marked);
    expect(answer.kpis.find((kpi) => kpi.id === 'volume')?.value).toBe(1);
  });
});
