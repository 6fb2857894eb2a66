import type { ReceivedMail } from '@flowdesk/connectors';
import { hasErrors, lintFlow } from '@flowdesk/model';
import type { Ticket } from '@flowdesk/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTemplate } from './template-checks.ts';
import { type LoadedTemplate, loadTemplates } from './template-loader.ts';
import type { TemplateSample } from './template-sample.schema.ts';
import { runSample } from './template-sample-runner.ts';
import { fillPlaceholders, settingValues } from './template-settings.ts';
import { startTemplateEnv, type TemplateTestEnv } from './template-test-kit.ts';

/**
 * Every folder under templates/ is loaded, linted, applied to a fresh store
 * and fed its samples through the real REST API; what happens must match each
 * sample's expected outcome, down to the emails a loopback SMTP server gets.
 * A new template folder is tested without touching this file.
 */
const loads = await loadTemplates();
const folders = loads.map((load) => (load.ok ? load.template.manifest.id : load.folder));

describe.each(folders)('template %s', (folder) => {
  const load = loads.find(
    (candidate) => (candidate.ok ? candidate.template.manifest.id : candidate.folder) === folder,
  );

  it('loads, and its references and flows check cleanly', () => {
    expect(load?.ok ? [] : load?.problems.map((problem) => problem.message.en)).toEqual([]);
    const template = (load as { template: LoadedTemplate }).template;
    expect(checkTemplate(template).map((problem) => problem.message.en)).toEqual([]);
    const values = settingValues(template.manifest.settings);
    for (const flow of template.flows) {
      const graph = fillPlaceholders(flow.graph, values.ok ? values.values : {});
      expect(hasErrors(lintFlow(graph)), flow.file).toBe(false);
    }
  });

  describe('samples', () => {
    let env: TemplateTestEnv;
    const template = load?.ok ? load.template : undefined;

    beforeAll(async () => {
      env = await startTemplateEnv();
      if (template) {
        const applied = await env.apply(template);
        expect(applied).toMatchObject({ ok: true, published: template.flows.length });
      }
    });
    afterAll(async () => {
      await env.close();
    });

    it.each((template?.samples ?? []).map((entry) => [entry.file, entry.sample] as const))(
      '%s',
      async (file, sample) => {
        const outcome = await runSample(env, sample, file.replace(/\W+/g, '-'));
        expect(outcome.status).toBe(202);
        expectTicket(outcome.tickets, sample);
        for (const [index, reply] of sample.expected.replies.entries()) {
          for (const part of reply.contains)
            expect(outcome.replies[index] ?? '', `reply ${index}`).toContain(part);
        }
        expect(outcome.replies).toHaveLength(sample.expected.replies.length);
        expectEmails(outcome.emails, sample);
        if (sample.expected.survey) {
          expect(outcome.surveySent, 'survey sent').toBe(sample.expected.survey.sent);
          const review = sample.expected.survey.reviewTicket;
          if (review === null) expect(outcome.followUpTickets).toEqual([]);
          if (review) {
            expect(outcome.followUpTickets).toHaveLength(1);
            expect(outcome.followUpTickets[0]).toMatchObject(review);
          }
        }
      },
    );
  });
});

function expectTicket(tickets: readonly Ticket[], sample: TemplateSample): void {
  const expected = sample.expected.ticket;
  if (expected === null) {
    expect(tickets, 'no ticket').toEqual([]);
    return;
  }
  expect(tickets, 'one ticket').toHaveLength(1);
  const ticket = tickets[0] as {
    assignee: string | null;
    tags: string[];
    customFields: Record<string, unknown>;
  };
  const { assigned, tags, customFields, ...fields } = expected;
  expect(ticket).toMatchObject(fields);
  if (assigned !== undefined) expect(ticket.assignee !== null, 'assigned').toBe(assigned);
  for (const tag of tags ?? []) expect(ticket.tags).toContain(tag);
  if (customFields) expect(ticket.customFields).toMatchObject(customFields);
}

/** Every expected email arrived, and nothing else did. */
function expectEmails(received: readonly ReceivedMail[], sample: TemplateSample): void {
  const customer = sample.request.customer.email;
  const left = [...received];
  for (const expected of sample.expected.emails) {
    const to = expected.to === 'customer' ? customer : expected.to;
    const index = left.findIndex(
      (mail) =>
        mail.to.includes(to ?? '') &&
        expected.subjectContains.every((part) => (mail.mail.subject ?? '').includes(part)) &&
        expected.bodyContains.every((part) => (mail.mail.text ?? '').includes(part)),
    );
    const seen = left.map((mail) => `${mail.to.join(',')}: ${mail.mail.subject}\n${mail.mail.text}`);
    expect(index, `email to ${to} ${JSON.stringify(expected)}; received:\n${seen.join('\n---\n')}`).not.toBe(
      -1,
    );
    const [mail] = left.splice(index, 1);
    for (const part of expected.bodyExcludes) expect(mail?.mail.text ?? '').not.toContain(part);
  }
  expect(
    left.map((mail) => `${mail.to.join(',')}: ${mail.mail.subject}`),
    'unexpected emails',
  ).toEqual([]);
}
