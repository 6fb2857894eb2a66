import express from 'express';
import { BENCH_CATEGORIES } from './bench-flow.ts';

/**
 * The baseline the benchmark compares with: the same six steps written as plain
 * code in a bare Express handler, keeping nothing — no validation library, no
 * engine, no database. What a hand-written endpoint would cost.
 */
const agents = ['agent-1', 'agent-2', 'agent-3', 'agent-4'];
let serial = 0;
let turn = 0;

const app = express();
app.use(express.json({ limit: '256kb' }));
app.post('/api/v1/requests', (request, response) => {
  const body = (request.body ?? {}) as { message?: unknown; customFields?: { vip?: unknown } };
  if (typeof body.message !== 'string' || body.message.length === 0) {
    response.status(400).json({ error: 'message required' });
    return;
  }
  const text = body.message.toLowerCase();
  const category =
    BENCH_CATEGORIES.find((candidate) =>
      candidate.keywords.some((keyword) => text.includes(keyword.toLowerCase())),
    )?.id ?? 'triage';
  const priority = body.customFields?.vip === true ? 'high' : 'medium';
  const number = `CS20261122${String(++serial).padStart(3, '0')}`;
  const assignee = agents[turn++ % agents.length];
  const ticket = {
    number,
    title: body.message,
    category,
    priority,
    team: 'support',
    assignee,
    status: 'assigned',
  };
  response.status(202).json({
    requestId: `req-${serial}`,
    executionIds: [`exec-${serial}`],
    produced: {
      ticketNumber: ticket.number,
      replies: [{ channel: 'api', text: `已收到，工单号 ${ticket.number}` }],
    },
  });
});

const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`listening ${(server.address() as { port: number }).port}\n`);
});
