import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_TIMEZONE, KPI_IDS, type KpiId } from '@flowdesk/desk';
import { openSqliteStore, type SqliteStore, type Ticket } from '@flowdesk/store';
import { kpiBreakdown, kpis, series } from '../src/analytics/analytics-service.ts';
import { refreshKpiRollups } from '../src/analytics/kpi-rollup-job.ts';
import type { AppServices } from '../src/app-deps.ts';
import { turnKpiMarksOff } from './kpi-marks-off.ts';

/**
 * The KPI dashboard at scale (issue 14, performance; BENCHMARKS.md
 * "Dashboard at 1,000,000 tickets"), on a database made by
 * `npm run seed:demo-load -- --tickets N --db FILE` (copied first, never changed):
 * 1. rebuild: the rollup job over every ticket (what migration 032 leaves to do);
 * 2. the same numbers: every KPI of the last 30 days from the rollups and from
 *    the tickets (the raw path, while the range holds ≤ 50,000 tickets);
 * 3. p50/p95 of every dashboard query (tiles with the previous period, series,
 *    breakdowns, with and without a filter) over 30 and 365 days;
 * 4. the intake's part: CPU of a ticket insert and two updates with the
 *    tickets repository's KPI marks and without them, alternated in batches.
 * Usage: npx tsx bench/dashboard-bench.ts --db FILE [--runs 20] [--in-place]
 * --in-place works on FILE itself (a 1,000,000-ticket file is ~10 GB to copy
 * and ~20 min to rebuild): it folds only the tickets still marked, so the
 * first run rebuilds and later runs measure at once; the tickets the intake
 * part writes are deleted again at the end.
 */

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? (args[at + 1] ?? fallback) : fallback;
};
const SOURCE = option('db', '');
const RUNS = Number(option('runs', '20'));
const IN_PLACE = args.includes('--in-place');
const DAY = 86_400_000;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function timed(name: string, run: () => Promise<unknown>) {
  await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  console.log(
    `| ${name} | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} | ${Math.max(...times).toFixed(1)} |`,
  );
}

/**
 * The marks' part of the intake's ticket writes: the same writes through `store` and through a
 * second connection to the same file whose KPI marks are off (kpi-marks-off.ts), alternated.
 */
async function intakeCost(store: SqliteStore, path: string, template: Ticket) {
  const unmarked = await openSqliteStore({ path });
  const marksOff = turnKpiMarksOff(unmarked);
  const batch = 500;
  let counter = 0;
  const write = async (target: SqliteStore) => {
    const started = process.cpuUsage();
    for (let n = 0; n < batch; n++) {
      const id = `bench-${counter++}`;
      await target.transaction(async (tx) => {
        await tx.tickets.create({ ...template, id, number: `B${counter}`, createdByKey: null });
        await tx.tickets.update(id, { status: 'assigned', assignee: template.assignee });
        await tx.tickets.update(id, { status: 'resolved' });
      });
    }
    const used = process.cpuUsage(started);
    return used.user + used.system;
  };
  let withMarks = 0;
  let without = 0;
  await write(store);
  await write(unmarked);
  for (let round = 0; round < 10; round++) {
    withMarks += await write(store);
    without += await write(unmarked);
  }
  marksOff.check();
  await unmarked.close();
  const n = 10 * batch;
  console.log(
    `intake writes (ticket insert + 2 updates, one transaction), ${n} each way: ${(withMarks / n).toFixed(1)} µs CPU with the KPI marks, ${(without / n).toFixed(1)} µs without (${((100 * (withMarks - without)) / without).toFixed(1)} %)`,
  );
}

async function main() {
  if (!SOURCE) throw new Error('--db FILE (made by npm run seed:demo-load) is required');
  const dir = mkdtempSync(join(tmpdir(), 'flowdesk-dashboard-bench-'));
  try {
    const path = IN_PLACE ? SOURCE : join(dir, 'bench.sqlite');
    if (!IN_PLACE) copyFileSync(SOURCE, path);
    const store = await openSqliteStore({ path });
    const tickets = (store.database.prepare('SELECT COUNT(*) AS n FROM tickets').get() as { n: number }).n;
    const last = store.database.prepare('SELECT MAX(created_at) AS at FROM tickets').get() as { at: string };
    // "Now" is the end of the seeded year, so the last 30 days are the busiest ones.
    const now = new Date(Date.parse(last.at) + 60_000);
    const services = { store, clock: { now: () => now } } as unknown as AppServices;
    console.log(`${tickets} tickets, now = ${now.toISOString()}`);

    let started = performance.now();
    if (!IN_PLACE) await store.kpiRollups.markAll('default');
    const marked = await store.kpiRollups.dirtyCount();
    await refreshKpiRollups(services);
    console.log(
      `rebuild: ${((performance.now() - started) / 1000).toFixed(1)} s for ${marked} marked of ${tickets} tickets`,
    );

    const end = Date.parse('2026-01-01T00:00:00+08:00') > now.getTime() ? now.getTime() : now.getTime();
    const day = (ms: number) => new Date(ms).toISOString();
    const localMidnight = Date.parse(
      `${new Date(end + 8 * 3_600_000).toISOString().slice(0, 10)}T00:00:00+08:00`,
    );
    const month = { from: day(localMidnight - 29 * DAY), to: day(localMidnight + DAY) };
    const year = { from: day(localMidnight - 364 * DAY), to: day(localMidnight + DAY) };

    // The same numbers both ways (the raw path refuses more than 50,000 tickets).
    const rolled = await kpis(services, { ...month, compareWithPrevious: true });
    const enabled = store.kpiRollups;
    (store as unknown as { kpiRollups: unknown }).kpiRollups = { ...enabled, enabled: false };
    started = performance.now();
    try {
      const raw = await kpis(services, { ...month, compareWithPrevious: true });
      console.log(`raw path over 30 days: ${(performance.now() - started).toFixed(0)} ms`);
      const differ = KPI_IDS.filter((id: KpiId, index) => {
        const a = rolled.kpis[index]?.value ?? null;
        const b = raw.kpis[index]?.value ?? null;
        if (a === null || b === null) return a !== b;
        const percentileKpi = /_p(50|90)$/.test(id) && id !== 'backlog_age_p50';
        return Math.abs(a - b) > (percentileKpi ? Math.abs(b) * 0.022 + 1 : 1e-9 * Math.max(1, Math.abs(b)));
      });
      console.log(
        differ.length === 0
          ? 'rollups = raw path on every KPI of the last 30 days (percentiles within one histogram bucket)'
          : `DIFFER: ${differ.map((id) => `${id} ${rolled.kpis[KPI_IDS.indexOf(id)]?.value} vs ${raw.kpis[KPI_IDS.indexOf(id)]?.value}`).join('; ')}`,
      );
    } catch (error) {
      console.log(`raw path over 30 days: ${(error as Error).message}`);
    }
    (store as unknown as { kpiRollups: unknown }).kpiRollups = enabled;

    const team = (store.database.prepare('SELECT team FROM tickets WHERE team IS NOT NULL LIMIT 1').get() as {
      team: string;
    }) ?? { team: undefined };
    console.log('\n| query | p50 ms | p95 ms | max ms |\n| --- | --- | --- | --- |');
    for (const [label, range] of [
      ['30 days', month],
      ['365 days', year],
    ] as const) {
      await timed(`tiles + previous period (${label})`, () =>
        kpis(services, { ...range, compareWithPrevious: true }),
      );
      await timed(`tiles, one team (${label})`, () =>
        kpis(services, { ...range, team: team.team, compareWithPrevious: true }),
      );
      await timed(`series volume by day (${label})`, () =>
        series(services, { ...range, kpi: 'volume', bucket: 'day' }),
      );
      await timed(`series resolution p90 by week (${label})`, () =>
        series(services, { ...range, kpi: 'resolution_p90', bucket: 'week' }),
      );
      await timed(`series backlog by week (${label})`, () =>
        series(services, { ...range, kpi: 'backlog', bucket: 'week' }),
      );
      for (const by of ['channel', 'category', 'team', 'agent'] as const) {
        await timed(`breakdown FCR by ${by} (${label})`, () =>
          kpiBreakdown(services, { ...range, kpi: 'fcr_rate', by }),
        );
      }
    }
    const week = { from: day(localMidnight - 6 * DAY), to: day(localMidnight + DAY) };
    await timed('series first response p50 by hour (7 days)', () =>
      series(services, { ...week, kpi: 'first_response_p50', bucket: 'hour' }),
    );
    // What the dashboard itself asks by the hour: ranges of up to two days (web, seriesBucket).
    const twoDays = { from: day(localMidnight - DAY), to: day(localMidnight + DAY) };
    await timed('series first response p50 by hour (2 days)', () =>
      series(services, { ...twoDays, kpi: 'first_response_p50', bucket: 'hour' }),
    );

    const template = store.database.prepare('SELECT id FROM tickets LIMIT 1').get() as { id: string };
    const ticket = await store.tickets.get(template.id);
    if (ticket) await intakeCost(store, path, ticket);
    if (IN_PLACE) {
      store.database.exec("DELETE FROM ticket_history WHERE ticket_id LIKE 'bench-%'");
      store.database.exec("DELETE FROM tickets WHERE id LIKE 'bench-%'");
      await refreshKpiRollups(services);
    }
    await store.close();
    console.log(`(timezone ${DEFAULT_TIMEZONE}, ${RUNS} runs per query after one warm-up)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
