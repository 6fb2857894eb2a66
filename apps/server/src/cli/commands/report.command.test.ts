import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStore } from '@flowdesk/store';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedReportTickets } from '../../reports/report-test-seed.ts';
import { memoryIo } from '../cli-test-kit.ts';
import { runCli } from '../main.ts';

/**
 * `flowdesk report`: the report of whole days from a database, as CSV or
 * HTML, in the chosen language; wrong dates, a reversed range and an unknown
 * format are refused with exit 2 and a translated reason.
 */

let dbPath: string;
const EMPTY_GRAPH = {
  nodes: [],
  edges: [],
  settings: { timezone: 'Asia/Shanghai', defaultLocale: 'zh-CN', variables: [] },
};

beforeAll(async () => {
  dbPath = join(mkdtempSync(join(tmpdir(), 'flowdesk-report-')), 'flowdesk.sqlite');
  const store = await createStore({ sqlitePath: dbPath });
  // 2–8 November 2026 (Shanghai): three requests; 26 October – 1 November: one.
  await seedReportTickets(store, [
    { id: 't1', createdAt: '2026-11-02T02:00:00Z', channel: 'email', category: 'refund' },
    { id: 't2', createdAt: '2026-11-03T02:00:00Z', channel: 'email', category: 'refund' },
    { id: 't3', createdAt: '2026-11-08T15:59:00Z', channel: 'chat' },
    { id: 't4', createdAt: '2026-10-30T02:00:00Z', channel: 'chat' },
    // 9 November 00:00 in Shanghai: the day after the range.
    { id: 't5', createdAt: '2026-11-08T16:00:00Z', channel: 'chat' },
  ]);
  // A flow whose name a spreadsheet would run as a formula, published in the range.
  await store.flows.create({
    id: 'flow-sneaky',
    workspaceId: 'default',
    name: '=HYPERLINK("http://evil.example","<b>click</b>")',
    draft: EMPTY_GRAPH as never,
    createdBy: 'admin-1',
    now: '2026-11-01T00:00:00Z',
  });
  await store.versions.publish(
    'flow-sneaky',
    EMPTY_GRAPH as never,
    'first cut',
    'admin-1',
    '2026-11-04T03:00:00.000Z',
  );
  await store.close();
});

describe('flowdesk report', () => {
  it('writes the CSV of a date range with the same figures as the report, formula cells defused', async () => {
    const io = memoryIo({ FLOWDESK_DB: dbPath });
    expect(
      await runCli(
        ['report', '--from', '2026-11-02', '--to', '2026-11-08', '--format', 'csv', '--lang', 'en'],
        io,
      ),
    ).toBe(0);
    const rows: string[][] = parse(io.out(), { bom: true });
    expect(rows[0]).toEqual([
      'Section',
      'Item',
      'Unit',
      'This period',
      'Previous period',
      'Change',
      'Details',
    ]);
    expect(rows[1]).toEqual([
      'Period',
      '2026-11-02..2026-11-08',
      '',
      '2026-11-02 – 2026-11-08',
      '2026-10-26 – 2026-11-01',
      '',
      'Asia/Shanghai',
    ]);
    expect(rows.find((row) => row[1] === 'Requests')).toEqual([
      'KPI',
      'Requests',
      'tickets',
      '3',
      '1',
      '+2',
      '',
    ]);
    const version = rows.find((row) => row[0] === 'Flow versions published in the period');
    expect(version?.[1]).toBe(`'=HYPERLINK("http://evil.example","<b>click</b>") v1`);
    expect(version?.[3]).toBe('2026-11-04 11:00');
    expect(version?.[6]).toBe('admin-1: first cut');
    const mover = rows.find((row) => row[1] === 'Volume: refund');
    expect(mover?.slice(2, 7)).toEqual([
      'tickets',
      '2',
      '0',
      '+2',
      'Category “refund”: 2 tickets, up 2 from 0 in the previous period.',
    ]);
  });

  it('writes the HTML report in Chinese, every value escaped, to a file when asked', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'flowdesk-report-out-')), 'report.html');
    const io = memoryIo({ FLOWDESK_DB: dbPath });
    expect(
      await runCli(
        [
          'report',
          '--from',
          '2026-11-02',
          '--to',
          '2026-11-08',
          '--format',
          'html',
          '--out',
          out,
          '--lang',
          'zh-CN',
        ],
        io,
      ),
    ).toBe(0);
    expect(io.out()).toContain('已写入');
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<title>服务报告 2026-11-02..2026-11-08</title>');
    expect(html).toContain(
      '<th scope="row">请求量</th><td class="num">3 张</td><td class="num">1 张</td><td class="num">+2 张</td>',
    );
    expect(html).toContain('&lt;b&gt;click&lt;/b&gt;');
    expect(html).not.toContain('<b>click</b>');
  });

  it('refuses a reversed range, a day that does not exist, a wrong format and missing dates, in the chosen language', async () => {
    const cases: Array<[string[], RegExp]> = [
      [
        ['--from', '2026-11-08', '--to', '2026-11-02'],
        /The start 2026-11-08 comes after the end 2026-11-02; swap them/,
      ],
      [
        ['--from', '2026-11-31', '--to', '2026-12-02'],
        /--from "2026-11-31" is not a date written YYYY-MM-DD/,
      ],
      [
        ['--from', '2026-11-01', '--to', '02/11/2026'],
        /--to "02\/11\/2026" is not a date written YYYY-MM-DD/,
      ],
      [
        ['--from', '2026-11-01', '--to', '2026-11-02', '--format', 'pdf'],
        /Unsupported format "pdf"; use csv or html/,
      ],
      [['--from', '2026-11-01'], /Wrong arguments: Usage: flowdesk report --from/],
      [['--from', '2024-01-01', '--to', '2026-11-02'], /at most 366 days/],
    ];
    for (const [args, expected] of cases) {
      const io = memoryIo({ FLOWDESK_DB: dbPath });
      expect(await runCli(['report', ...args, '--lang', 'en'], io), args.join(' ')).toBe(2);
      expect(io.err(), args.join(' ')).toMatch(expected);
      expect(io.out()).toBe('');
    }
    const zh = memoryIo({ FLOWDESK_DB: dbPath });
    expect(
      await runCli(['report', '--from', '2026-11-08', '--to', '2026-11-02', '--lang', 'zh-CN'], zh),
    ).toBe(2);
    expect(zh.err()).toContain('开始日期 2026-11-08 晚于结束日期 2026-11-02，请交换两者');
    const help = memoryIo();
    expect(await runCli(['report', '--help', '--lang', 'en'], help)).toBe(0);
    expect(help.out()).toContain('report --from YYYY-MM-DD --to YYYY-MM-DD [--format csv|html] [--out FILE]');
  });
});
