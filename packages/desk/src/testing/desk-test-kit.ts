import type { Agent, SqliteStore, StoreRepositories, Team } from '@flowdesk/store';
import { openSqliteStore } from '@flowdesk/store';
import type { DeskDeps, DeskScope } from '../desk-deps.ts';

/** A clock tests move by hand. */
export class ManualClock {
  private ms: number;
  constructor(start: string) {
    this.ms = Date.parse(start);
  }
  now(): Date {
    return new Date(this.ms);
  }
  set(iso: string): void {
    this.ms = Date.parse(iso);
  }
  advanceMinutes(minutes: number): void {
    this.ms += minutes * 60_000;
  }
}

export class CountingIds {
  private count = 0;
  constructor(private readonly prefix = 'id') {}
  next(): string {
    this.count += 1;
    return `${this.prefix}-${this.count}`;
  }
}

export interface DeskHarness {
  store: SqliteStore;
  clock: ManualClock;
  deps: DeskDeps;
  /** Runs fn in one store transaction with a desk scope, as the runtime does. */
  run<T>(fn: (scope: DeskScope) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Monday 22:00 UTC is Tuesday 06:00 in Shanghai; tests pick their own times when it matters. */
export async function openHarness(
  start = '2026-11-23T01:00:00.000Z',
  path = ':memory:',
): Promise<DeskHarness> {
  const store = await openSqliteStore({ path });
  const clock = new ManualClock(start);
  const deps: DeskDeps = {
    clock,
    ids: new CountingIds(),
    ticketLink: (number) => `https://desk.test/t/${number}`,
  };
  return {
    store,
    clock,
    deps,
    run: (fn) => store.transaction((tx: StoreRepositories) => fn({ tx, deps })),
    close: () => store.close(),
  };
}

/** Unwraps a DeskResult in a test, failing loudly with the desk's own message. */
export function value<T>(
  result: { ok: true; value: T } | { ok: false; error: { message: { en: string } } },
): T {
  if (!result.ok) throw new Error(`expected success, got: ${result.error.message.en}`);
  return result.value;
}

export function team(id: string, extra: Partial<Team> = {}): Team {
  return {
    id,
    workspaceId: 'default',
    name: { 'zh-CN': id, en: id },
    skills: [],
    calendar: null,
    supervisorQueue: null,
    ...extra,
  };
}

export function agent(id: string, extra: Partial<Agent> = {}): Agent {
  return {
    id,
    workspaceId: 'default',
    userId: null,
    name: id,
    teams: ['after_sales'],
    skills: [],
    capacity: 2,
    online: true,
    activeCount: 0,
    lastAssignedAt: null,
    ...extra,
  };
}

export const AGENT_ACTOR = { kind: 'user', id: 'user-1' } as const;
export const FLOW_ACTOR = { kind: 'execution', id: 'exec-1' } as const;
