import { createHash } from 'node:crypto';
import type { StoreRepositories, Survey, Ticket } from '@flowdesk/store';
import type { GeneratedCustomer } from './demo-load-customers.ts';
import type { Lifecycle } from './demo-load-lifecycle.ts';
import type { PrototypeDocument } from './demo-load-prototypes.ts';
import { HOUR_MS, type SeededRandom } from './demo-load-random.ts';

/**
 * One function per table group, each writing through the store's repositories
 * inside the caller's transaction, so rows (and whatever the repositories keep
 * beside them: execution search keys, the flow-path rollup) are exactly what
 * the server writes. A helper adding a table (a KPI rollup, say) adds one
 * function here and one call in generateDemoLoad's per-ticket step.
 */

/** An execution and its step log, as ExecutionDriver.persist leaves a finished run. */
export async function writeExecution(tx: StoreRepositories, document: PrototypeDocument): Promise<void> {
  const { execution, steps } = document;
  await tx.executions.create({
    id: execution.id,
    flowId: execution.flowId,
    version: execution.version,
    status: execution.status,
    currentNodeId: execution.currentNodeId,
    state: execution.state,
    startedAt: execution.startedAt,
    updatedAt: execution.updatedAt,
    finishedAt: execution.finishedAt,
  });
  if (steps.length > 0) await tx.executions.appendSteps(execution.id, steps);
}

/** The ticket as it stands now, and its whole history (the flow's entries first, then the people's). */
export async function writeTicket(
  tx: StoreRepositories,
  document: PrototypeDocument,
  lifecycle: Lifecycle,
): Promise<void> {
  await tx.tickets.create(lifecycle.ticket);
  await tx.ticketHistory.append([...document.history, ...lifecycle.history]);
}

/** A chat ticket's conversation: the customer's request, the flow's answer, then the agent and the customer. */
export async function writeConversation(
  tx: StoreRepositories,
  random: SeededRandom,
  ticket: Ticket,
  customer: GeneratedCustomer,
  lifecycle: Lifecycle,
): Promise<void> {
  const createdMs = Date.parse(ticket.createdAt);
  const id = random.uuid(createdMs);
  await tx.conversations.create({
    id,
    workspaceId: ticket.workspaceId,
    channel: 'chat',
    customerKey: customer.channelKey,
    ticketId: ticket.id,
    tokenHash: null,
    createdAt: ticket.createdAt,
    updatedAt: ticket.updatedAt,
  });
  const messages = [
    { atMs: createdMs, author: 'customer' as const, body: ticket.description },
    { atMs: createdMs + 1000, author: 'flow' as const, body: `已收到，工单号 ${ticket.number}` },
    ...lifecycle.messages,
  ];
  for (const message of messages) {
    await tx.conversations.appendMessage({
      id: random.uuid(message.atMs),
      conversationId: id,
      direction: message.author === 'customer' ? 'in' : 'out',
      author: message.author,
      body: message.body,
      externalId: null,
      createdAt: new Date(message.atMs).toISOString(),
    });
  }
}

const CSAT_SCORES = [4, 5, 11, 30, 50];
const NPS_SCORES = [2, 1, 1, 2, 2, 5, 7, 10, 20, 22, 28];
const COMMENTS = ['处理很快，谢谢', '等太久了', 'Very helpful agent', '问题没有彻底解决', null, null, null];

/** The CSAT survey the CSAT flow sends after resolution (answered by about half), and now and then an NPS one. */
export async function writeSurveys(
  tx: StoreRepositories,
  random: SeededRandom,
  ticket: Ticket,
  resolvedMs: number,
  nowMs: number,
): Promise<number> {
  let written = 0;
  for (const kind of ['csat', 'nps'] as const) {
    if (!random.chance(kind === 'csat' ? 0.6 : 0.12)) continue;
    const sentMs = resolvedMs + 5 * 60_000;
    if (sentMs > nowMs) continue;
    const id = random.uuid(sentMs);
    const survey: Omit<
      Survey,
      'answeredAt' | 'score' | 'comment' | 'reviewedAt' | 'reviewedBy' | 'reviewNote'
    > = {
      id,
      workspaceId: ticket.workspaceId,
      tokenHash: createHash('sha256').update(id).digest('hex'),
      kind,
      ticketId: ticket.id,
      customerId: ticket.customerId,
      executionId: null,
      channel: ticket.channel === 'email' ? 'email' : 'reply',
      locale: /[a-z]/i.test(ticket.title.slice(0, 3)) ? 'en' : 'zh-CN',
      question: '',
      createdAt: new Date(sentMs).toISOString(),
      expiresAt: new Date(sentMs + 7 * 24 * HOUR_MS).toISOString(),
    };
    await tx.surveys.create(survey);
    written++;
    const answeredMs = sentMs + random.logNormal(2 * HOUR_MS, 1.2);
    if (random.chance(0.5) && answeredMs <= nowMs) {
      const score = kind === 'csat' ? 1 + random.weighted(CSAT_SCORES) : random.weighted(NPS_SCORES);
      await tx.surveys.answer(id, {
        score,
        comment: random.pick(COMMENTS),
        answeredAt: new Date(answeredMs).toISOString(),
      });
    }
  }
  return written;
}
