import { createTicket } from '@flowdesk/desk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inDesk } from '../../server/src/tickets/ticket-actions.ts';
import {
  browserAvailable,
  callTrpc,
  type E2eEnvironment,
  screenshot,
  signInAsAdmin,
  startE2eEnvironment,
} from './e2e-kit.ts';

/**
 * Survey results and the quality review (issue 13, items 5 and 7): a customer
 * answers a CSAT survey with 2 and a comment on the real survey page; the
 * answer waits in Quality review, the reviewer opens the ticket (its timeline
 * shows the answer), comes back and marks it reviewed with a note; the
 * Results tab shows the team's numbers.
 */

const run = browserAvailable();
let env: E2eEnvironment | undefined;

beforeAll(async () => {
  if (run) env = await startE2eEnvironment();
}, 180_000);
afterAll(async () => {
  await env?.close();
});

const COMMENT = 'Nobody told me the refund would take two weeks.';

/** The after-sales team, a customer with an email address and one ticket of theirs in the team's queue. */
async function seedTicket(environment: E2eEnvironment): Promise<{ id: string; number: string }> {
  const { store, services } = environment.server;
  await store.teams.put({
    id: 'after_sales',
    workspaceId: 'default',
    name: { 'zh-CN': '售后', en: 'After-sales' },
    skills: [],
    calendar: null,
    supervisorQueue: null,
  });
  await store.customers.create({
    id: 'cust-survey',
    workspaceId: 'default',
    name: 'Wang Xiaoming',
    identities: [{ kind: 'email', value: 'wang.survey@example.cn' }],
    now: new Date().toISOString(),
  });
  return inDesk(services, async (scope) => {
    const result = await createTicket(
      scope,
      {
        title: 'Refund for order 1042',
        description: 'Where is my refund?',
        channel: 'email',
        priority: 'medium',
        team: 'after_sales',
        customerId: 'cust-survey',
      },
      { actor: { kind: 'system', id: 'e2e-seed' } },
    );
    if (!result.ok) throw new Error(result.error.message.en);
    return { id: result.value.ticket.id, number: result.value.ticket.number };
  });
}

describe('survey results and the quality review in the browser', () => {
  it('a low answer from the survey page is reviewed through the ticket, and the results show the team', async () => {
    if (!env) return;
    const { page, server, browser } = env;
    const base = server.url;
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));

    await signInAsAdmin(page, base);
    const ticket = await seedTicket(env);

    // The survey goes out as an agent sends it; its link is in the outbox message, as the customer gets it.
    await callTrpc(page, base, 'tickets.sendSurvey', { id: ticket.id, kind: 'csat', channel: 'email' });
    const [delivery] = await server.store.jobs.list({ kind: 'outbox.deliver' });
    const path = /\/s\/[A-Za-z0-9_-]+/.exec(String(delivery?.payload.body ?? ''))?.[0];
    if (!path) throw new Error('no survey link in the outbox');

    // The customer answers 2 with a comment on a phone.
    const customerContext = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'en-US',
    });
    const customer = await customerContext.newPage();
    // The survey was sent in Chinese; the customer reads it in English (the page's own language link).
    await customer.goto(`${base}${path}?lang=en`);
    await customer.getByRole('heading', { name: 'Rate our service' }).waitFor();
    await customer.locator('label').filter({ hasText: /^2$/ }).click();
    await customer.getByLabel('Anything else you would like to tell us? (optional)').fill(COMMENT);
    await customer.getByRole('button', { name: 'Submit' }).click();
    await customer.getByRole('heading', { name: 'Thank you for your feedback' }).waitFor();
    await customerContext.close();

    // The reviewer reaches the surveys from the Tickets page and opens the quality review.
    await page.setViewportSize({ width: 1024, height: 900 });
    await page.goto(`${base}/tickets`);
    await page.getByTestId('surveys-link').click();
    await page.getByRole('heading', { name: 'Surveys', exact: true }).waitFor();
    await page.getByRole('tab', { name: 'Quality review' }).click();
    const item = page.getByTestId('quality-review-item');
    await item.filter({ hasText: COMMENT }).waitFor();
    expect(await item.count()).toBe(1);
    await expect.poll(() => item.getByRole('heading').textContent()).toBe('CSAT 2 / 5');
    expect(await item.textContent()).toContain('After-sales');
    await screenshot(page, 'surveys-01-review-1024');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'surveys-02-review-390');
    await page.setViewportSize({ width: 1024, height: 900 });

    // The ticket's timeline shows the answer; the back link returns to the queue.
    await item.getByRole('link', { name: new RegExp(ticket.number) }).click();
    await page
      .locator('[data-kind="survey_answer"]')
      .filter({ hasText: 'CSAT answer: 2' })
      .waitFor({ timeout: 15_000 });
    await page.getByRole('link', { name: 'Back to surveys' }).click();
    await page.getByRole('tab', { name: 'Quality review', selected: true }).waitFor();

    // Marked reviewed with a note: it leaves the waiting list and shows under Reviewed.
    await item.getByLabel('Review note').fill('Called the customer back; refund sped up.');
    await item.getByRole('button', { name: 'Mark reviewed' }).click();
    await page.getByText('Marked reviewed.').waitFor();
    await page.getByText('No low scores wait for a review.').waitFor();
    const stored = (
      await server.store.surveys.listAnswered({
        workspaceId: 'default',
        from: '2000-01-01T00:00:00.000Z',
        to: '2100-01-01T00:00:00.000Z',
      })
    ).items[0];
    expect(stored).toMatchObject({
      score: 2,
      comment: COMMENT,
      reviewNote: 'Called the customer back; refund sped up.',
    });
    await page.getByLabel('Show').selectOption('reviewed');
    await item.filter({ hasText: 'Called the customer back; refund sped up.' }).waitFor();

    // Results: the team's numbers for the last 30 days (one answer of 2: 0 % satisfied, mean 2.0).
    await page.getByRole('tab', { name: 'Results' }).click();
    const row = page.getByRole('row').filter({ hasText: 'After-sales' });
    await row.waitFor();
    expect((await row.getByRole('cell').allTextContents()).map((cell) => cell.trim())).toEqual([
      '1',
      '0%',
      '2.0',
    ]);
    const totals = page.getByTestId('survey-totals');
    expect(await totals.textContent()).toContain('Answers1');
    await page.getByRole('region', { name: 'Latest comments' }).getByText(COMMENT).waitFor();
    await screenshot(page, 'surveys-03-results-1024');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'surveys-04-results-390');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    // A reversed range: the server's translated refusal, no numbers.
    await page.getByLabel('From (day)').fill('2026-12-31');
    await page.getByLabel('To (day, included)').fill('2026-01-01');
    await page
      .getByRole('alert')
      .filter({ hasText: 'The start date must come before the end date' })
      .waitFor();
    await page.setViewportSize({ width: 1024, height: 900 });
    expect(problems).toEqual([]);
  }, 150_000);
});
