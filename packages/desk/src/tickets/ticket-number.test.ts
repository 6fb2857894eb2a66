import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '@flowdesk/store';
import { afterAll, describe, expect, it } from 'vitest';
import { CountingIds, FLOW_ACTOR, ManualClock, openHarness, value } from '../testing/desk-test-kit.ts';
import { createTicket } from './ticket-create.ts';
import { formatTicketNumber, isTicketNumber, localDateKey } from './ticket-number.ts';

const directory = mkdtempSync(join(tmpdir(), 'flowdesk-ticket-numbers-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const input = { title: '咨询', description: '', channel: 'chat', priority: 'medium' as const };

describe('ticket numbers', () => {
  it('reads CS + date + a serial of at least three digits', () => {
    expect(formatTicketNumber('20261122', 1)).toBe('CS20261122001');
    expect(formatTicketNumber('20261122', 999)).toBe('CS20261122999');
    expect(formatTicketNumber('20261122', 1000)).toBe('CS202611221000');
    expect(isTicketNumber('CS20261122001')).toBe(true);
    expect(isTicketNumber('CS2026112201')).toBe(false);
  });

  it('uses the calendar day in the workspace timezone', () => {
    // 16:30 UTC is already the next day in Shanghai.
    expect(localDateKey(new Date('2026-11-22T16:30:00Z'), 'Asia/Shanghai')).toBe('20261123');
    expect(localDateKey(new Date('2026-11-22T16:30:00Z'), 'UTC')).toBe('20261122');
  });

  it('counts per day and starts again at 001 the next day', async () => {
    const desk = await openHarness('2026-11-22T02:00:00.000Z');
    const create = async () =>
      value(await desk.run((scope) => createTicket(scope, input, { actor: FLOW_ACTOR }))).ticket.number;
    expect(await create()).toBe('CS20261122001');
    expect(await create()).toBe('CS20261122002');
    desk.clock.set('2026-11-22T15:59:59.000Z');
    expect(await create()).toBe('CS20261122003');
    desk.clock.set('2026-11-22T16:00:00.000Z');
    expect(await create()).toBe('CS20261123001');
    await desk.close();
  });

  it('stays unique when two connections to one database create tickets at the same time', async () => {
    const path = join(directory, 'shared.sqlite');
    const stores = [await openSqliteStore({ path }), await openSqliteStore({ path })];
    const clock = new ManualClock('2026-11-22T02:00:00.000Z');
    const perStore = 15;
    const numbers = await Promise.all(
      stores.flatMap((store, which) => {
        const deps = { clock, ids: new CountingIds(`p${which}`) };
        return Array.from({ length: perStore }, () =>
          store.transaction(
            async (tx) => value(await createTicket({ tx, deps }, input, { actor: FLOW_ACTOR })).ticket.number,
          ),
        );
      }),
    );
    expect(new Set(numbers).size).toBe(perStore * 2);
    expect([...numbers].sort()).toEqual(
      Array.from({ length: perStore * 2 }, (_, index) => formatTicketNumber('20261122', index + 1)),
    );
    for (const store of stores) await store.close();
  });
});
