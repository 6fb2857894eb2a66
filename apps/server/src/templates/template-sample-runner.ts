import type { ReceivedMail } from '@flowdesk/connectors';
import { normaliseEmail } from '@flowdesk/desk';
import type { Ticket } from '@flowdesk/store';
import type { TemplateSample } from './template-sample.schema.ts';
import type { TemplateTestEnv } from './template-test-kit.ts';

/**
 * Plays one sample against a running test FlowDesk through its public HTTP
 * API and collects what a customer and an agent would notice. Comparing with
 * `expected` is left to the test, so a failure shows both sides.
 */
export interface SampleOutcome {
  readonly status: number;
  readonly replies: readonly string[];
  /** Tickets the request opened, as they were before any follow-up. */
  readonly tickets: readonly Ticket[];
  readonly emails: readonly ReceivedMail[];
  readonly surveySent: boolean;
  /** Tickets opened by the follow-ups (e.g. a low-score review). */
  readonly followUpTickets: readonly Ticket[];
}

const SURVEY_LINK_RE = /(http:\/\/127\.0\.0\.1:\d+\/s\/[A-Za-z0-9_-]+)/;

export async function runSample(
  env: TemplateTestEnv,
  sample: TemplateSample,
  id: string,
): Promise<SampleOutcome> {
  const { store } = env.harness;
  env.setTime(sample.at);
  const email = sample.request.customer.email;
  const existing = sample.customer ?? sample.existingCustomer;
  if (existing && email) {
    const now = env.harness.clock.now().toISOString();
    const profile = await store.customers.create({
      id: `customer-${id}`,
      workspaceId: 'default',
      name: sample.request.customer.name ?? null,
      vipLevel: existing.vipLevel ?? 0,
      tags: sample.customer?.tags ?? [],
      locale: sample.customer?.locale ?? null,
      identities: [{ kind: 'email', value: normaliseEmail(email) }],
      now,
    });
    const { requestCount = 0, complaintCount = 0 } = sample.customer ?? {};
    if (requestCount > 0 || complaintCount > 0) {
      await store.customers.recordContact(profile.id, {
        requests: requestCount,
        complaints: complaintCount,
        at: now,
      });
    }
  }
  const known = new Set((await store.tickets.list()).map((ticket) => ticket.id));
  const mailsBefore = env.smtp.received.length;
  const response = await post(env, '/api/v1/requests', sample.request);
  const body = (await response.json()) as { produced?: { replies?: { text: string }[] } };
  await env.drain();
  const opened = await newTickets(env, known);
  for (const ticket of opened) known.add(ticket.id);

  for (const followUp of sample.followUps) {
    if (followUp.action === 'resolve') {
      const ticket = opened[0];
      if (!ticket) throw new Error(`${id}: "resolve" needs the ticket the request opens, and there is none`);
      await post(env, `/api/v1/tickets/${ticket.id}/resolve`, { solution: followUp.solution });
    } else if (followUp.action === 'event') {
      await post(env, '/api/v1/events', {
        name: followUp.name,
        payload: followUp.payload,
        customer: sample.request.customer,
      });
    } else {
      const link = surveyLinks(env.smtp.received.slice(mailsBefore))[0];
      if (!link) throw new Error(`${id}: "answer_survey" needs a survey email, and none arrived`);
      await fetch(link, {
        method: 'POST',
        body: new URLSearchParams({ score: String(followUp.score), comment: followUp.comment }),
      });
    }
    await env.drain();
  }
  const emails = env.smtp.received.slice(mailsBefore);
  return {
    status: response.status,
    replies: (body.produced?.replies ?? []).map((reply) => reply.text),
    tickets: opened,
    emails,
    surveySent: surveyLinks(emails).length > 0,
    followUpTickets: await newTickets(env, known),
  };
}

function post(env: TemplateTestEnv, path: string, body: unknown): Promise<Response> {
  return fetch(`${env.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${env.apiKey}` },
    body: JSON.stringify(body),
  });
}

async function newTickets(env: TemplateTestEnv, known: ReadonlySet<string>): Promise<Ticket[]> {
  return (await env.harness.store.tickets.list()).filter((ticket) => !known.has(ticket.id));
}

function surveyLinks(mails: readonly ReceivedMail[]): string[] {
  return mails.flatMap((mail) => SURVEY_LINK_RE.exec(mail.mail.text ?? '')?.[1] ?? []);
}
