import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStore } from '@flowdesk/store';
import { describe, expect, it } from 'vitest';
import { seedReportTickets } from '../../reports/report-test-seed.ts';
import { memoryIo } from '../cli-test-kit.ts';
import { runCli } from '../main.ts';

/**
 * `flowdesk analytics rebuild`: recomputes every ticket's KPI rollups
 * (migration 032) and leaves nothing marked; a wrong sub-command is refused
 * with exit 2 in the chosen language.
 */
describe('flowdesk analytics rebuild', () => {
  it('recomputes the rollups of every ticket', async () => {
    const dbPath = join(mkdtempSync(join(tmpdir(), 'flowdesk-analytics-')), 'flowdesk.sqlite');
    const seeded = await createStore({ sqlitePath: dbPath });
    await seedReportTickets(seeded, [
      { id: 't1', createdAt: '2026-11-02T02:00:00Z', channel: 'email', category: 'refund' },
      { id: 't2', createdAt: '2026-11-03T02:00:00Z', channel: 'chat' },
    ]);
    expect(await seeded.kpiRollups.dirtyCount()).toBe(2);
    await seeded.close();

    const io = memoryIo({ FLOWDESK_DB: dbPath });
    expect(await runCli(['analytics', 'rebuild', '--lang', 'en'], io)).toBe(0);
    expect(io.out()).toMatch(/Recomputed the KPI rollups of 2 tickets/);

    const store = await createStore({ sqlitePath: dbPath });
    try {
      expect(await store.kpiRollups.dirtyCount()).toBe(0);
      const rows = await store.kpiRollups.rows({ workspaceId: 'default' }, '', '2026-11-01', '2026-11-05');
      expect(rows.map((row) => [row.day, row.channel]).sort()).toEqual([
        ['2026-11-02', 'email'],
        ['2026-11-03', 'chat'],
      ]);
    } finally {
      await store.close();
    }
  });

  it('refuses anything but rebuild, in the chosen language', async () => {
    const io = memoryIo({ FLOWDESK_DB: ':memory:' });
    expect(await runCli(['analytics', 'delete', '--lang', 'zh-CN'], io)).toBe(2);
    expect(io.err()).toMatch(/flowdesk analytics rebuild/);
  });
});
