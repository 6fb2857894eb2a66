import { createTestBed } from '../src/testing/server-test-kit.ts';
import { seedFlowTicket } from '../src/tickets/flow-ticket-seed.ts';

/**
 * Opening a ticket page with 500 timeline entries (issue 13: under 1 s): the
 * four queries the page sends at once (tickets.get, timeline, explanation,
 * customerProfile) through the tRPC caller on an in-memory SQLite store.
 * Run: npm run bench (or npx tsx apps/server/bench/ticket-page-bench.ts).
 */

const ENTRIES = 500;
const RUNS = 30;

const bed = await createTestBed();
const ticket = await seedFlowTicket(
  bed.store,
  bed.services,
  [{ id: 'agent-li', userId: bed.users.agent.id, name: '李娜' }],
  bed.clock.now(),
);
const start = bed.clock.now().getTime();
await bed.store.ticketHistory.append(
  Array.from({ length: ENTRIES }, (_, index) => ({
    ticketId: ticket.id,
    at: new Date(start + index * 1000).toISOString(),
    actor: { kind: 'system' as const, id: 'channel:email' },
    field: 'customer_message',
    from: null,
    to: `第 ${index} 条消息：我的订单什么时候到？电话 13812345678`,
    note: 'email',
  })),
);
const agent = bed.callerAs(bed.users.agent).tickets;
const open = () =>
  Promise.all([
    agent.get({ id: ticket.id }),
    agent.timeline({ id: ticket.id, limit: 1000 }),
    agent.explanation({ id: ticket.id }),
    agent.customerProfile({ id: ticket.id }),
  ]);
await open();
const times: number[] = [];
for (let run = 0; run < RUNS; run += 1) {
  const began = performance.now();
  const [, timeline] = await open();
  times.push(performance.now() - began);
  if (timeline.entries.length < ENTRIES) throw new Error('timeline is missing entries');
}
times.sort((a, b) => a - b);
const pick = (share: number) =>
  times[Math.min(times.length - 1, Math.floor(share * times.length))]?.toFixed(1);
console.log(
  `ticket page, ${ENTRIES} timeline entries, ${RUNS} runs: median ${pick(0.5)} ms, p95 ${pick(0.95)} ms, max ${pick(1)} ms`,
);
await bed.close();
