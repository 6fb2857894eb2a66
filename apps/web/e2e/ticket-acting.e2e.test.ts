import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ReceivedMail, SmtpSink } from '@flowdesk/connectors';
import { allowedTransitions } from '@flowdesk/model';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../server/src/auth/api-keys.ts';
import { hashPassword } from '../../server/src/auth/secrets.ts';
import { type RunningServer, startServer } from '../../server/src/boot/start-server.ts';
import { loadServerConfig } from '../../server/src/config/server-config.ts';
import { createLogger } from '../../server/src/logging/logger.ts';
import { createCaller } from '../../server/src/trpc/_app.ts';
import { createInnerContext } from '../../server/src/trpc/context.ts';
import { ensureWebBuild } from '../scripts/ensure-web-build.ts';
import {
  ADMIN,
  browserAvailable,
  CHROMIUM_PATH,
  expectControlsReachable,
  expectFits,
  SCREENSHOT_DIR,
} from './e2e-kit.ts';

/**
 * Issue 13, item 3 in a browser: a retail flow made a ticket from a customer's
 * email; an agent replies from the work panel and the reply reaches the SMTP
 * sink in the customer's thread, corrects the category (kept as a classifier
 * correction), and resolves with a summary, after which the survey flow emails
 * the CSAT survey. All of it on the ticket page (/tickets/:id) of the built app.
 */

const run = browserAvailable();
const SUPPORT = 'support@shop.example.cn';
const CUSTOMER = 'wang.xiaoming@example.cn';
const AGENT = { email: 'agent@e2e.flowdesk.test', password: 'agent-password-5678' };
const FIRST_MESSAGE_ID = '<shoes-1001@mail.example.cn>';

interface Env {
  sink: SmtpSink;
  server: RunningServer;
  panelUrl: string;
  browser: Browser;
  page: Page;
  dataDir: string;
}
let env: Env | undefined;

async function startEnv(): Promise<Env> {
  ensureWebBuild();
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const sink = new SmtpSink();
  const smtpUrl = await sink.start();
  const dataDir = mkdtempSync(join(tmpdir(), 'flowdesk-acting-'));
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
    },
    createLogger(config.logLevel),
  );
  const panelUrl = server.url.replace(/\/$/, '');
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
  const context = await browser.newContext({ viewport: { width: 1024, height: 900 }, locale: 'en-US' });
  return { sink, server, panelUrl, browser, page: await context.newPage(), dataDir };
}

beforeAll(async () => {
  if (run) env = await startEnv();
}, 180_000);
afterAll(async () => {
  if (!env) return;
  await env.browser.close();
  await env.server.close();
  await env.sink.stop();
  rmSync(env.dataDir, { recursive: true, force: true });
});

/** The retail template live, the email channel on, and an agent of the retail teams who can sign in. */
async function setUpDesk(server: RunningServer): Promise<string> {
  const { store, services } = server;
  const now = new Date().toISOString();
  const admin = await store.users.getByEmail(ADMIN.email);
  if (!admin) throw new Error('no admin');
  const asAdmin = createCaller(createInnerContext({ services, user: admin }));
  await asAdmin.templates.install({ id: 'retail', publish: true });
  await store.channelSettings.put({
    workspaceId: 'default',
    channel: 'email',
    enabled: true,
    settings: { addresses: [SUPPORT], maxMessageBytes: 64 * 1024 },
    updatedAt: now,
  });
  const user = await store.users.create({
    id: 'user-agent-e2e',
    email: AGENT.email,
    name: 'Li Na',
    role: 'agent',
    passwordHash: await hashPassword(AGENT.password),
    locale: 'en',
    createdAt: now,
  });
  const teams = (await store.teams.list('default')).map((team) => team.id);
  await store.agents.create({
    id: 'agent-li-e2e',
    workspaceId: 'default',
    userId: user.id,
    name: 'Li Na',
    teams,
    skills: [],
    capacity: 10,
    online: true,
    activeCount: 0,
    lastAssignedAt: null,
  });
  return (await createApiKey(store, { id: 'mail-e2e', name: 'mail', role: 'agent', now: new Date() })).secret;
}

/** The customer's first email, posted to the email channel as raw MIME. */
async function customerWrites(server: RunningServer, apiKey: string): Promise<void> {
  const raw = await new MailComposer({
    from: `Wang Xiaoming <${CUSTOMER}>`,
    to: SUPPORT,
    subject: 'The shoes do not fit, I want to return them',
    text: 'Hello, the shoes I ordered are the wrong size. How can I return them for a refund?',
    messageId: FIRST_MESSAGE_ID,
  })
    .compile()
    .build();
  const response = await fetch(`${server.url}/api/v1/channels/email`, {
    method: 'POST',
    headers: { 'content-type': 'message/rfc822', authorization: `Bearer ${apiKey}` },
    body: new Uint8Array(raw),
  });
  expect(response.status).toBeLessThan(300);
}

async function signIn(page: Page, baseUrl: string) {
  await page.goto(`${baseUrl}/login`);
  const status = await page.evaluate(async (credentials) => {
    const response = await fetch('/trpc/auth.login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(credentials),
    });
    return response.status;
  }, AGENT);
  expect(status).toBe(200);
}

const mailsTo = (sink: SmtpSink, address: string): ReceivedMail[] =>
  sink.received.filter((received) => received.to.includes(address));

/** Chooses the first option of a select whose value is not `current`. */
async function pickOther(select: Locator, current: string | null): Promise<string> {
  const value = await select.evaluate(
    (element, skip) =>
      [...(element as HTMLSelectElement).options].find((option) => option.value && option.value !== skip)
        ?.value,
    current,
  );
  if (!value) throw new Error('no other option');
  await select.selectOption(value);
  return value;
}

describe('acting on a ticket in the browser (issue 13, item 3)', () => {
  it('replies in the customer’s email thread, corrects the category, resolves with a summary and the survey goes out', async () => {
    if (!env) return;
    const { page, server, sink, panelUrl } = env;
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));

    const apiKey = await setUpDesk(server);
    await customerWrites(server, apiKey);
    await expect
      .poll(async () => (await server.store.tickets.list({ workspaceId: 'default', limit: 5 })).length, {
        timeout: 15_000,
      })
      .toBe(1);
    const [ticket] = await server.store.tickets.list({ workspaceId: 'default', limit: 5 });
    if (!ticket) throw new Error('no ticket');
    expect(ticket.channel).toBe('email');
    // The flow's own acknowledgement, if it sends one, is already out; count what comes after.
    await page.waitForTimeout(500);
    const before = mailsTo(sink, CUSTOMER).length;

    await signIn(page, panelUrl);
    await page.goto(`${panelUrl}/tickets/${encodeURIComponent(ticket.id)}`);
    await page.getByRole('heading', { name: 'Reply to the customer' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'acting-01-panel-1024.png'), fullPage: true });

    // Reply: the knowledge base's answer, if any, then the agent's own words.
    const reply = page.getByRole('textbox', { name: 'Reply', exact: true });
    await reply.fill(
      'Dear Mr Wang, we are sorry the shoes do not fit. A prepaid return label is on its way.',
    );
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByText('Reply sent. It is on its way to the customer.').waitFor();
    await expect.poll(() => mailsTo(sink, CUSTOMER).length, { timeout: 15_000 }).toBe(before + 1);
    const answer = mailsTo(sink, CUSTOMER).at(-1);
    expect(answer?.mail.text).toContain('A prepaid return label is on its way.');
    expect(answer?.mail.inReplyTo).toBe(FIRST_MESSAGE_ID);
    expect(answer?.mail.subject).toContain(ticket.number);

    // Category: corrected by hand, kept as a classifier correction.
    const category = page.getByRole('combobox', { name: 'Category' });
    const chosen = await pickOther(category, ticket.category);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Changes saved.').waitFor();
    await expect.poll(async () => (await server.store.tickets.get(ticket.id))?.category).toBe(chosen);
    expect(
      (await server.store.classifierCorrections.list('default')).map((correction) => correction.toLabel),
    ).toContain(chosen);

    // Status: only the lifecycle's next steps are offered; resolving asks for the summary.
    const status = page.getByRole('combobox', { name: 'Status' });
    const offered = await status.evaluate((element) =>
      [...(element as HTMLSelectElement).options].map((option) => option.value),
    );
    const current = (await server.store.tickets.get(ticket.id))?.status;
    if (!current) throw new Error('ticket gone');
    expect(offered.slice(1).sort()).toEqual(allowedTransitions(current).sort());
    expect(offered[0]).toBe(current);
    await status.selectOption('resolved');
    const resolve = page.getByRole('button', { name: 'Resolve ticket' });
    expect(await resolve.isDisabled()).toBe(true);
    await page
      .getByRole('textbox', { name: /Solution summary/ })
      .fill('Return label sent; refund after the parcel arrives.');
    await page.setViewportSize({ width: 390, height: 900 });
    // On a phone the work panel (the solution summary open) and the timeline fit the width.
    await expectFits(page, ['.ticket-page', '.ticket-work', '[data-testid="timeline"]']);
    await expectControlsReachable(page);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'acting-02-resolving-390.png'), fullPage: true });
    await page.setViewportSize({ width: 1024, height: 900 });
    await resolve.click();
    await page.getByText('Changes saved.').waitFor();
    await expect.poll(async () => (await server.store.tickets.get(ticket.id))?.status).toBe('resolved');

    // The survey flow runs on "resolved" and emails the CSAT survey.
    await expect
      .poll(
        () =>
          mailsTo(sink, CUSTOMER).some((received) => /\/s\/[A-Za-z0-9_-]+/.test(received.mail.text ?? '')),
        {
          timeout: 20_000,
        },
      )
      .toBe(true);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'acting-03-resolved-1024.png'), fullPage: true });
    expect(problems).toEqual([]);
  }, 120_000);

  it('mentions a team member with the keyboard alone and merges the customer’s second profile, on a phone', async () => {
    if (!env) return;
    const { page, server, panelUrl } = env;
    const [ticket] = await server.store.tickets.list({ workspaceId: 'default', limit: 5 });
    if (!ticket?.customerId) throw new Error('the first test makes the ticket');
    await server.store.customers.create({
      id: 'cust-wechat-e2e',
      workspaceId: 'default',
      name: 'Wang Xiaoming (WeChat)',
      identities: [{ kind: 'channel:wechat', value: 'o-wang-wechat-openid' }],
      now: new Date().toISOString(),
    });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${panelUrl}/tickets/${encodeURIComponent(ticket.id)}`);
    await page.getByRole('heading', { name: 'Internal note' }).waitFor();

    // @ opens the team's members; arrows and Enter pick one, Tab reaches Add note.
    const note = page.getByRole('textbox', { name: 'Note for the team (the customer never sees it)' });
    await note.focus();
    await page.keyboard.type('Please check the return address @');
    const members = page.getByRole('listbox', { name: 'Team members' });
    await members.waitFor();
    await page.keyboard.press('ArrowDown');
    const active = members.getByRole('option', { selected: true });
    const name = (await active.textContent()) ?? '';
    expect(await note.getAttribute('aria-activedescendant')).toBe(await active.getAttribute('id'));
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'acting-04-mention-390.png'), fullPage: true });
    await page.keyboard.press('Enter');
    expect(await note.inputValue()).toBe(`Please check the return address @${name} `);
    await page.keyboard.type('before we refund.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByText('Note added. People notified: 1.').waitFor();
    const mentioned = (await server.store.agents.list({ workspaceId: 'default' })).find(
      (agent) => agent.name === name,
    );
    if (!mentioned) throw new Error(`no agent named ${name}`);
    const inbox = await server.store.inAppMessages.listFor('agent', mentioned.id);
    expect(inbox.map((message) => message.ticketId)).toContain(ticket.id);

    // Merge: search by the other profile's name, choose it, confirm.
    await page.getByRole('textbox', { name: 'Find the other profile' }).fill('WeChat');
    await page.keyboard.press('Enter');
    await page.getByRole('radio', { name: /Wang Xiaoming \(WeChat\)/ }).check();
    await page.getByRole('button', { name: /^Merge Wang Xiaoming \(WeChat\)/ }).click();
    await page.getByText(/Customers merged/).waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'acting-05-merged-390.png'), fullPage: true });
    await expectFits(page, ['.ticket-page', '.ticket-work', '[data-testid="customer-profile"]']);
    await expectControlsReachable(page);
    expect(await server.store.customers.get('cust-wechat-e2e')).toBeNull();
    const merged = await server.store.customers.get(ticket.customerId);
    expect(merged?.identities.map((identity) => identity.kind)).toContain('channel:wechat');
    const audit = (await server.store.audit.list()).items.filter(
      (entry) => entry.action === 'customer.merge',
    );
    expect(audit).toHaveLength(1);
  }, 60_000);
});
