import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ReceivedMail, SmtpSink } from '@flowdesk/connectors';
import { getNodeType } from '@flowdesk/model';
import nodemailer from 'nodemailer';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../server/src/boot/start-server.ts';
import { loadServerConfig } from '../../server/src/config/server-config.ts';
import { createLogger } from '../../server/src/logging/logger.ts';
import { ensureWebBuild } from '../scripts/ensure-web-build.ts';
import { ADMIN, browserAvailable, CHROMIUM_PATH, callTrpc, SCREENSHOT_DIR, screenshot } from './e2e-kit.ts';

/**
 * Issue 13's story in one browser run: a service team runs its day in FlowDesk.
 *
 * 1. The admin invites an agent; the agent opens the one-time link, sets a password and signs in.
 * 2. A customer's email arrives through the channel's own SMTP listener (loopback); the retail
 *    template's intake flow cannot place it and hands it to a person. The agent finds it in the
 *    inbox, reads why (flow and version, classification and confidence, the deciding step, the
 *    trace), replies with a message template: the reply reaches the SMTP sink in the customer's
 *    thread, and both mails and the flow's own acknowledgement are on the timeline.
 * 3. The agent corrects the category and resolves with a summary; the survey email arrives, and
 *    the customer answers 2 with a comment from the link in it.
 * 4. A supervisor approves a refund a flow parked on "Ask for approval"; the execution resumes
 *    and finishes (Executions page).
 * 5. The supervisor finds the low CSAT answer in the quality-review queue (Surveys), opens its
 *    ticket and marks it reviewed.
 *
 * Set-up that is not the gesture under test (installing the template, switching the email
 * channel on, giving the agent a desk profile, publishing the approval flow) goes through tRPC.
 */

const run = browserAvailable();
const SUPPORT = 'support@shop.example.cn';
const CUSTOMER = { name: 'Oliver Smith', email: 'oliver.smith@example.com' };
const FIRST_MESSAGE_ID = '<gift-cards-2026@mail.example.com>';
const AGENT = { email: 'mei.lin@e2e.flowdesk.test', name: 'Mei Lin', password: 'mei-lin password 2026' };
const SUPERVISOR = {
  email: 'sue@e2e.flowdesk.test',
  name: 'Sue Supervisor',
  password: 'supervisor-pass-2026',
};

interface Story {
  sink: SmtpSink;
  smtpPort: number;
  server: RunningServer;
  base: string;
  browser: Browser;
  dataDir: string;
}
let story: Story | undefined;

/** A free loopback port for the inbound SMTP listener (the server's options take a fixed one). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function startStory(): Promise<Story> {
  ensureWebBuild();
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const sink = new SmtpSink();
  const smtpUrl = await sink.start();
  const smtpPort = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'flowdesk-day-'));
  const config = loadServerConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    FLOWDESK_DB: join(dataDir, 'flowdesk.sqlite'),
    FLOWDESK_ADMIN_EMAIL: ADMIN.email,
    FLOWDESK_ADMIN_PASSWORD: ADMIN.password,
    FLOWDESK_LOG_LEVEL: 'error',
  });
  const server = await startServer(
    config,
    {
      workers: true,
      allowPrivateNetworks: true,
      pollMs: 100,
      smtp: { url: smtpUrl, from: `Shop <${SUPPORT}>` },
      smtpListen: { host: '127.0.0.1', port: smtpPort },
    },
    createLogger(config.logLevel),
  );
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
  return { sink, smtpPort, server, base: server.url.replace(/\/$/, ''), browser, dataDir };
}

beforeAll(async () => {
  if (run) story = await startStory();
}, 180_000);
// A failed step leaves what every open page showed, for the person who reads the CI log.
afterEach(async (context) => {
  if (!story || context.task.result?.state !== 'fail') return;
  const pages = story.browser.contexts().flatMap((open) => open.pages());
  await Promise.all(pages.map((page, index) => screenshot(page, `day-failed-${index}`).catch(() => {})));
});
afterAll(async () => {
  if (!story) return;
  await story.browser.close();
  await story.server.close();
  await story.sink.stop();
  rmSync(story.dataDir, { recursive: true, force: true });
});

const mailsTo = (sink: SmtpSink, address: string): ReceivedMail[] =>
  sink.received.filter((received) => received.to.includes(address));

async function newPage(browser: Browser, width = 1024): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'en-US' });
  return { context, page: await context.newPage() };
}

/** The sign-in form, as a person fills it; each role then lands on its own home page. */
async function signIn(page: Page, base: string, who: { email: string; password: string }) {
  await page.goto(`${base}/`);
  await page.getByLabel('Language').or(page.getByLabel('语言')).selectOption('en');
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  const signedIn = page.waitForResponse((response) => response.url().includes('/trpc/auth.login'));
  await page.getByRole('button', { name: 'Sign in' }).click();
  expect((await signedIn).status()).toBe(200);
  await page.getByLabel('Password', { exact: true }).waitFor({ state: 'detached' });
}

/** Refund requests above the limit wait for a supervisor's approval before the flow refunds. */
function approvalFlow() {
  const end = getNodeType('action.end')?.example as Record<string, unknown>;
  const at = (x: number, y: number) => ({ x, y });
  return {
    nodes: [
      {
        id: 'trigger',
        type: 'trigger.external_event',
        config: { eventName: 'shop.refund_requested' },
        position: at(0, 0),
      },
      {
        id: 'approve',
        type: 'timing.ask_approval',
        label: 'Refund over 1,000?',
        config: {
          decider: 'supervisor',
          question: 'Refund {{ event.payload.amount }} for order {{ event.payload.orderNo }}?',
          facts: ['event.payload.amount', 'event.payload.orderNo'],
          timeout: { amount: 1, unit: 'days' },
          onTimeout: 'timed_out',
        },
        position: at(0, 160),
      },
      { id: 'refunded', type: 'action.end', label: 'Refunded', config: { ...end }, position: at(0, 320) },
      { id: 'declined', type: 'action.end', label: 'Declined', config: { ...end }, position: at(300, 320) },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourcePort: 'next', target: 'approve' },
      { id: 'e2', source: 'approve', sourcePort: 'approved', target: 'refunded' },
      { id: 'e3', source: 'approve', sourcePort: 'rejected', target: 'declined' },
      { id: 'e4', source: 'approve', sourcePort: 'timed_out', target: 'declined' },
    ],
    settings: { timezone: 'Asia/Shanghai', defaultLocale: 'en', variables: [] },
  };
}

describe.runIf(run)('a service team runs its day in FlowDesk (issue 13)', () => {
  let admin: Page;
  let agent: Page;
  let supervisor: Page;
  let supervisorContext: BrowserContext;
  let ticketId = '';
  let ticketNumber = '';

  it('1. the admin invites an agent, who opens the one-time link, sets a password and signs in', async () => {
    if (!story) return;
    const { base, browser } = story;
    ({ page: admin } = await newPage(browser));
    await signIn(admin, base, ADMIN);
    // Set-up: the retail template live, and mail to the support address taken in.
    await callTrpc(admin, base, 'templates.install', { id: 'retail', publish: true });
    await callTrpc(admin, base, 'channels.update', {
      channel: 'email',
      enabled: true,
      settings: { addresses: [SUPPORT] },
    });

    await admin.goto(`${base}/settings`);
    const users = admin.getByRole('region', { name: 'Users' });
    await users.getByLabel('Email').fill(AGENT.email);
    await users.getByLabel('Role', { exact: true }).selectOption('agent');
    await users.getByRole('button', { name: 'Send invitation' }).click();
    const link = (await users.getByTestId('invitation-link').textContent()) ?? '';
    expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);

    ({ page: agent } = await newPage(browser));
    // The link carries the public URL; this server listens on another port.
    await agent.goto(`${base}${new URL(link).pathname}`);
    await agent.getByLabel('Language').selectOption('en');
    await agent.getByText(`You are invited as Agent with ${AGENT.email}`).waitFor();
    await agent.getByLabel('Name').fill(AGENT.name);
    await agent.getByLabel(/New password/).fill(AGENT.password);
    await agent.getByRole('button', { name: 'Create my account' }).click();
    await agent.getByText(AGENT.name, { exact: true }).first().waitFor();

    // Set-up: the admin gives the new user a desk profile in the retail customer-service team.
    const user = await story.server.store.users.getByEmail(AGENT.email);
    if (!user) throw new Error('the invited agent has no account');
    await callTrpc(admin, base, 'teams.createAgent', {
      id: 'agent-mei',
      userId: user.id,
      name: AGENT.name,
      teams: ['customer_service'],
      capacity: 10,
      online: true,
    });

    // Signing in again, on another device, with the chosen password.
    ({ page: agent } = await newPage(browser));
    await signIn(agent, base, AGENT);
    await agent.getByRole('heading', { name: 'Inbox', exact: true }).waitFor();
    await screenshot(agent, 'day-01-agent-inbox-1024');
  }, 120_000);

  it('2. an email becomes a ticket the agent reads, understands and answers in the customer’s thread', async () => {
    if (!story) return;
    const { sink, smtpPort, server } = story;
    // The customer writes to the support address; the mail enters through our SMTP listener.
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: smtpPort,
      secure: false,
      ignoreTLS: true,
    });
    await transport.sendMail({
      from: `${CUSTOMER.name} <${CUSTOMER.email}>`,
      to: SUPPORT,
      subject: 'Question',
      text: 'Do you offer corporate gift cards for our team event next month?',
      messageId: FIRST_MESSAGE_ID,
    });
    transport.close();

    // The flow acknowledges in the thread, by itself.
    await expect.poll(() => mailsTo(sink, CUSTOMER.email).length, { timeout: 20_000 }).toBeGreaterThan(0);
    const acknowledgement = mailsTo(sink, CUSTOMER.email)[0];
    expect(acknowledgement?.mail.inReplyTo).toBe(FIRST_MESSAGE_ID);

    // The agent's inbox counts it in "Pending confirmation" without a reload.
    const pending = agent.getByTestId('queue-pending_confirmation');
    await expect
      .poll(async () => (await pending.locator('.count-badge').textContent()) ?? '', { timeout: 20_000 })
      .toBe('1');
    await pending.click();
    const item = agent.getByTestId('inbox-item').filter({ hasText: 'Question' });
    await item.waitFor();
    ticketNumber = /CS\d{8}\d+/.exec((await item.textContent()) ?? '')?.[0] ?? '';
    expect(ticketNumber).not.toBe('');
    await screenshot(agent, 'day-02-inbox-pending-1024');
    await item.getByRole('button', { name: /Claim/ }).click();
    await agent
      .getByRole('status')
      .filter({ hasText: `You claimed ${ticketNumber}` })
      .waitFor();
    await agent.getByTestId('queue-mine').click();
    await agent.getByRole('link', { name: new RegExp(ticketNumber) }).click();
    await agent.getByRole('heading', { name: 'Timeline' }).waitFor();
    ticketId = decodeURIComponent(new URL(agent.url()).pathname.split('/').at(-1) ?? '');

    // Why the agent has it: flow and version, classification and confidence, the deciding step, the trace.
    const explanation = agent.getByTestId('flow-explanation');
    await explanation.getByText('Retail: request intake, version 1').waitFor();
    expect(await explanation.getByTestId('classification').textContent()).toMatch(/\d+% confidence/);
    expect(await explanation.textContent()).toContain('Sent to a person by');
    const trace = explanation.getByRole('link', { name: 'Open the execution trace' });
    expect(await trace.getAttribute('href')).toMatch(/^\/executions\//);

    // A reply from a message template, in the customer's thread.
    const before = mailsTo(sink, CUSTOMER.email).length;
    await agent
      .getByLabel('Insert a message template')
      .selectOption({ label: '转人工 / Passed to a person' });
    const reply = agent.getByRole('textbox', { name: 'Reply', exact: true });
    await expect.poll(() => reply.inputValue()).toContain(ticketNumber);
    await reply.fill(
      `${await reply.inputValue()}\n\nWe do offer corporate gift cards; a colleague will send the price list.`,
    );
    await agent.getByRole('button', { name: 'Send reply' }).click();
    await agent.getByText('Reply sent. It is on its way to the customer.').waitFor();
    await expect.poll(() => mailsTo(sink, CUSTOMER.email).length, { timeout: 15_000 }).toBe(before + 1);
    const answer = mailsTo(sink, CUSTOMER.email).at(-1)?.mail;
    expect(answer?.text).toContain('corporate gift cards; a colleague will send the price list');
    expect(answer?.inReplyTo).toBe(FIRST_MESSAGE_ID);
    expect([answer?.references ?? []].flat()).toContain(FIRST_MESSAGE_ID);
    expect(answer?.subject).toContain(ticketNumber);

    // The timeline has the customer's mail, the flow's acknowledgement and the agent's reply.
    const timeline = agent.getByTestId('timeline');
    await timeline.getByText('Do you offer corporate gift cards').first().waitFor();
    // The flow's own acknowledgement, named after the flow (in the agent's language) that sent it.
    await timeline
      .locator('[data-kind="flow_reply"]')
      .filter({ hasText: 'by Retail: request intake v1' })
      .filter({ hasText: `a colleague will look at your question (ticket ${ticketNumber})` })
      .waitFor();
    await timeline
      .locator('[data-kind="agent_reply"]')
      .filter({ hasText: 'a colleague will send the price list' })
      .waitFor();
    expect(await server.store.tickets.get(ticketId)).toMatchObject({ channel: 'email' });
    await screenshot(agent, 'day-03-ticket-replied-1024');
  }, 120_000);

  it('3. the agent corrects the category and resolves; the survey email comes and the customer answers 2', async () => {
    if (!story) return;
    const { base, sink, server, browser } = story;
    const before = (await server.store.tickets.get(ticketId))?.category ?? '';

    // The classifier guessed; the agent knows better (kept as a correction the classifier learns from).
    const category = agent.getByRole('combobox', { name: 'Category' });
    const options = await category
      .locator('option')
      .evaluateAll((nodes) =>
        nodes.map((node) => ({ value: (node as HTMLOptionElement).value, label: node.textContent ?? '' })),
      );
    const corrected = options.find((option) => option.value && option.value !== before);
    if (!corrected) throw new Error(`no other category than ${before}`);
    await category.selectOption({ label: corrected.label });
    await agent.getByRole('button', { name: 'Save changes' }).click();
    await agent.getByText('Changes saved.').waitFor();
    const timeline = agent.getByTestId('timeline');
    await timeline.locator('[data-kind="change"]').filter({ hasText: 'Category:' }).waitFor();
    expect(
      (await server.store.classifierCorrections.list('default')).map((correction) => correction.toLabel),
    ).toContain(corrected.value);

    // Resolving asks for the summary, which goes to the customer with the survey.
    const mailsBefore = mailsTo(sink, CUSTOMER.email).length;
    await agent.getByRole('combobox', { name: 'Status' }).selectOption('resolved');
    await agent
      .getByRole('textbox', { name: /Solution summary/ })
      .fill('Corporate gift card price list sent; sales will follow up.');
    await agent.getByRole('button', { name: 'Resolve ticket' }).click();
    await agent.getByText('Changes saved.').waitFor();
    await timeline
      .locator('[data-kind="change"]')
      .filter({ hasText: 'Status: Assigned → Resolved' })
      .waitFor();
    // A resolved ticket's SLA clocks are stopped with their final state, not paused for the customer.
    const sla = agent.getByTestId('sla-panel');
    await sla.getByText(/^resolved /).waitFor();
    expect(await sla.textContent()).not.toMatch(/Paused|waits for the customer/);

    // The retail CSAT flow emails the survey link.
    const surveyLink = /https?:\/\/\S+\/s\/[A-Za-z0-9_-]+/;
    await expect
      .poll(
        () =>
          mailsTo(sink, CUSTOMER.email)
            .slice(mailsBefore)
            .some((received) => surveyLink.test(received.mail.text ?? '')),
        { timeout: 20_000 },
      )
      .toBe(true);
    const surveyMail = mailsTo(sink, CUSTOMER.email)
      .slice(mailsBefore)
      .find((received) => surveyLink.test(received.mail.text ?? ''));
    const link = new URL(surveyLink.exec(surveyMail?.mail.text ?? '')?.[0] ?? '');

    // The customer opens the link from the mail, on a phone, and answers 2 with a comment.
    const { context, page: customer } = await newPage(browser, 390);
    await customer.goto(`${base}${link.pathname}${link.search}`);
    await customer.getByRole('heading', { name: 'Rate our service' }).waitFor();
    await customer.locator('label').filter({ hasText: /^2$/ }).click();
    await customer
      .getByLabel('Anything else you would like to tell us? (optional)')
      .fill('The answer took too long and the first reply was a form letter.');
    await screenshot(customer, 'day-04-survey-390');
    await customer.getByRole('button', { name: 'Submit' }).click();
    await customer.getByRole('heading', { name: 'Thank you for your feedback' }).waitFor();
    await context.close();

    // The answer shows on the ticket's timeline without a reload.
    await timeline.locator('[data-kind="survey_answer"]').filter({ hasText: 'CSAT answer: 2' }).waitFor({
      timeout: 20_000,
    });
    // And in the customer's CSAT history beside it.
    await agent.getByTestId('csat-history').getByText('CSAT 2').waitFor({ timeout: 15_000 });
    await agent.setViewportSize({ width: 390, height: 844 });
    await agent.screenshot({ path: join(SCREENSHOT_DIR, 'day-05-ticket-resolved-390.png'), fullPage: true });
    await agent.setViewportSize({ width: 1024, height: 900 });
  }, 120_000);

  it('4. a supervisor approves a refund a flow parked, and the execution finishes', async () => {
    if (!story) return;
    const { base, browser } = story;
    // Set-up: a flow whose "Ask for approval" step parks refunds for a supervisor, and the supervisor.
    const { id } = (await callTrpc(admin, base, 'flows.create', {
      name: 'Large refunds',
      graph: approvalFlow(),
    })) as { id: string };
    await callTrpc(admin, base, 'flows.publish', { id, note: 'Ask before refunding' });
    const { secret } = (await callTrpc(admin, base, 'apiKeys.create', { name: 'shop', role: 'agent' })) as {
      secret: string;
    };
    const { temporaryPassword } = (await callTrpc(admin, base, 'users.create', {
      email: SUPERVISOR.email,
      name: SUPERVISOR.name,
      role: 'supervisor',
      locale: 'en',
    })) as { temporaryPassword: string };

    // The shop's system asks for a refund over the limit.
    const response = await fetch(`${base}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'shop.refund_requested',
        payload: { amount: 1899, orderNo: 'DD1006' },
        customer: { name: CUSTOMER.name, email: CUSTOMER.email },
      }),
    });
    expect(response.status).toBe(202);

    ({ context: supervisorContext, page: supervisor } = await newPage(browser));
    await signIn(supervisor, base, { email: SUPERVISOR.email, password: temporaryPassword });
    await supervisor.getByRole('heading', { name: 'Choose your own password' }).waitFor();
    await supervisor.getByLabel('Current password').fill(temporaryPassword);
    await supervisor.getByLabel(/New password/).fill(SUPERVISOR.password);
    await supervisor.getByLabel('Repeat the new password').fill(SUPERVISOR.password);
    await supervisor.getByRole('button', { name: 'Change password' }).click();

    await supervisor.getByRole('button', { name: 'Change password' }).waitFor({ state: 'detached' });
    await supervisor.goto(`${base}/approvals`);
    const card = supervisor.locator('article.approval-card');
    const question = card.getByRole('heading', { name: 'Refund 1899 for order DD1006?' });
    await expect
      .poll(
        async () => {
          if (await question.count()) return true;
          await supervisor.reload();
          return false;
        },
        { timeout: 20_000, interval: 1000 },
      )
      .toBe(true);
    expect(await card.locator('.approval-facts').textContent()).toContain('DD1006');
    await screenshot(supervisor, 'day-06-approval-1024');
    await card.getByLabel('Note (optional)').fill('Known customer, photos attached');
    await card.getByRole('button', { name: 'Approve' }).click();
    await supervisor.getByText('Decision saved: the flow goes on.').waitFor();

    // The execution resumed on its version and finished on the approved path.
    await supervisor.goto(`${base}/executions`);
    const row = supervisor.locator('table.execution-list tbody tr').filter({ hasText: 'Large refunds' });
    await expect
      .poll(
        async () => {
          await supervisor.reload();
          return (await row.first().textContent()) ?? '';
        },
        { timeout: 20_000, interval: 1000 },
      )
      .toContain('Finished at "Refunded"');
    expect(await supervisor.locator('table.execution-list').textContent()).toContain(
      'Retail: request intake',
    );
    await screenshot(supervisor, 'day-07-execution-finished-1024');
  }, 120_000);

  it('5. the low CSAT answer waits in the quality-review queue with its comment and ticket', async () => {
    if (!story) return;
    await supervisor.goto(`${story.base}/surveys`);
    await supervisor.getByRole('heading', { name: 'Surveys', exact: true }).waitFor();
    await supervisor.getByRole('tab', { name: 'Quality review' }).click();
    const review = supervisor.getByTestId('quality-review-item').filter({ hasText: ticketNumber });
    await review.waitFor();
    expect(await review.getByRole('heading').textContent()).toBe('CSAT 2 / 5');
    const text = (await review.textContent()) ?? '';
    expect(text).toContain('The answer took too long and the first reply was a form letter.');
    expect(text).toContain(AGENT.name);
    await screenshot(supervisor, 'day-08-quality-review-1024');
    await supervisor.setViewportSize({ width: 390, height: 844 });
    await screenshot(supervisor, 'day-09-quality-review-390');
    await supervisor.setViewportSize({ width: 1024, height: 900 });

    // The ticket, with the answer on its timeline, is one click away.
    await review.getByRole('link', { name: new RegExp(ticketNumber) }).click();
    await supervisor
      .getByTestId('timeline')
      .locator('[data-kind="survey_answer"]')
      .filter({ hasText: 'CSAT answer: 2' })
      .waitFor();
    await supervisor.goBack();
    const again = supervisor.getByTestId('quality-review-item').filter({ hasText: ticketNumber });
    await again.getByLabel('Review note').fill('Coached Mei Lin on answering in her own words.');
    await again.getByRole('button', { name: 'Mark reviewed' }).click();
    await supervisor.getByText('Marked reviewed.').waitFor();
    await supervisor.getByText('No low scores wait for a review.').waitFor();
    await supervisorContext.close();
  }, 120_000);
});
