import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accountButton,
  browserAvailable,
  type E2eEnvironment,
  navLink,
  openNav,
  screenshot,
  signInAsAdmin,
  startE2eEnvironment,
} from './e2e-kit.ts';

/**
 * The people side of issue 13: an admin invites an agent, the agent opens the
 * one-time link, sets a name and password and is signed in; the admin
 * deactivates them and the agent's next action ends their session.
 */

const run = browserAvailable();
let env: E2eEnvironment | undefined;

beforeAll(async () => {
  if (run) env = await startE2eEnvironment();
}, 180_000);
afterAll(async () => {
  await env?.close();
});

const AGENT = { email: 'xiao.chen@e2e.flowdesk.test', name: 'Xiao Chen', password: 'agent password 2026' };

describe('users and invitations in a browser', () => {
  it('invites an agent who signs in with the link, then deactivation ends their session', async () => {
    if (!env) return;
    const { page: admin, server, browser } = env;
    await signInAsAdmin(admin, server.url);
    await admin.getByRole('link', { name: 'Settings' }).click();
    const users = admin.getByRole('region', { name: 'Users' });
    await users.waitFor();
    await users.getByLabel('Email').fill(AGENT.email);
    await users.getByLabel('Role', { exact: true }).selectOption('agent');
    await users.getByRole('button', { name: 'Send invitation' }).click();
    const link = (await users.getByTestId('invitation-link').textContent()) ?? '';
    expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
    // The link is under the public URL (localhost:3000 by default); this server listens elsewhere.
    const invitePage = `${server.url}${new URL(link).pathname}`;
    await expect.poll(() => users.getByText('Open invitations').count()).toBe(1);
    await admin.setViewportSize({ width: 1024, height: 900 });
    await users.scrollIntoViewIfNeeded();
    await screenshot(admin, '60-users-invited-1024');
    await admin.setViewportSize({ width: 390, height: 844 });
    await users.scrollIntoViewIfNeeded();
    await screenshot(admin, '61-users-invited-390');
    await admin.setViewportSize({ width: 1280, height: 800 });

    // The invited agent, in a browser of their own.
    const agentContext = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US' });
    const agent = await agentContext.newPage();
    await agent.goto(invitePage);
    await agent.getByLabel('Language').selectOption('en');
    await agent.getByText(`You are invited as Agent with ${AGENT.email}`).waitFor();
    await agent.getByLabel('Name').fill(AGENT.name);
    await agent.getByLabel(/New password/).fill(AGENT.password);
    await screenshot(agent, '62-invite-page-390');
    await agent.getByRole('button', { name: 'Create my account' }).click();
    // Signed in as themselves: the phone's menu names them.
    await accountButton(agent).click();
    await agent.locator('header.top-bar').getByText(AGENT.name, { exact: true }).waitFor();
    await openNav(agent, 'Tickets');
    await agent.getByRole('heading', { name: 'Tickets', exact: true }).waitFor();

    // The link works once.
    const again = await agentContext.newPage();
    await again.goto(invitePage);
    await again.getByRole('alert').getByText('has been used already').waitFor();
    await again.close();

    // The admin deactivates the agent.
    await admin.reload();
    const row = admin.getByTestId(`user-row-${AGENT.email}`);
    await row.waitFor();
    admin.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: 'Deactivate' }).click();
    await expect.poll(() => row.textContent()).toContain('Deactivated');
    await admin.setViewportSize({ width: 1024, height: 900 });
    await row.scrollIntoViewIfNeeded();
    await screenshot(admin, '63-users-deactivated-1024');

    // The agent's next action ends the session: back to sign-in, and signing in is refused.
    await openNav(agent, 'Settings');
    await agent.getByRole('button', { name: 'Sign in' }).waitFor();
    await agent.getByLabel('Email').fill(AGENT.email);
    await agent.getByLabel('Password').fill(AGENT.password);
    await agent.getByRole('button', { name: 'Sign in' }).click();
    await agent.getByRole('alert').getByText('This account has been deactivated').waitFor();
    await screenshot(agent, '64-deactivated-sign-in-390');
    await agentContext.close();
  }, 120_000);

  it('creates a user with a temporary password, who must choose their own before anything else', async () => {
    if (!env) return;
    const { page: admin, server, browser } = env;
    await admin.setViewportSize({ width: 1280, height: 800 });
    await admin.goto(`${server.url}/settings`);
    const users = admin.getByRole('region', { name: 'Users' });
    await users.waitFor();
    await users.getByLabel('How to add').selectOption('create');
    await users.getByLabel('Email').fill('temp.editor@e2e.flowdesk.test');
    await users.getByLabel('Name').fill('Temp Editor');
    await users.getByLabel('Role', { exact: true }).selectOption('editor');
    await users.getByRole('button', { name: 'Create account' }).click();
    const temporary = (await users.getByTestId('temporary-password').textContent()) ?? '';
    expect(temporary).toHaveLength(24);

    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US' });
    const person = await context.newPage();
    await person.goto(`${server.url}/flows`);
    await person.getByLabel('Language').selectOption('en');
    await person.getByLabel('Email').fill('temp.editor@e2e.flowdesk.test');
    await person.getByLabel('Password').fill(temporary);
    await person.getByRole('button', { name: 'Sign in' }).click();
    await person.getByRole('heading', { name: 'Choose your own password' }).waitFor();
    // Any page shows the same form until the password is changed.
    await openNav(person, 'Templates');
    await person.getByRole('heading', { name: 'Choose your own password' }).waitFor();
    await person.getByLabel('Current password').fill(temporary);
    await person.getByLabel(/New password/).fill('my own editor password');
    await person.getByLabel('Repeat the new password').fill('my own editor password');
    await screenshot(person, '65-forced-password-change-390');
    await person.getByRole('button', { name: 'Change password' }).click();
    await person.getByRole('heading', { name: 'Templates', exact: true }).waitFor();

    // Forgotten after all: the admin hands over a reset link, which sets a new password once.
    const row = admin.getByTestId('user-row-temp.editor@e2e.flowdesk.test');
    await row.getByRole('button', { name: 'Reset link' }).click();
    const resetLink = (await users.getByTestId('reset-link').textContent()) ?? '';
    await person.goto(`${server.url}${new URL(resetLink).pathname}`);
    await person.getByRole('heading', { name: 'Set a new password' }).waitFor();
    await person.getByLabel(/New password/).fill('a second own password');
    await person.getByRole('button', { name: 'Save the new password' }).click();
    await navLink(person, 'Templates');
    await context.close();
  }, 120_000);
});
