import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ChannelSettingRepository, createStore, type Store } from '@flowdesk/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readChannel, updateChannel } from '../channel-settings.ts';
import {
  checkProgressToken,
  LEGACY_LINK_GRACE_DAYS,
  ProgressLinks,
  progressLinkKeys,
  progressLinkSecret,
  progressToken,
  revokedLink,
} from './progress-link.ts';

/** Two server processes' stores: two connections to one SQLite file. */
let dir: string;
let first: Store;
let second: Store;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'flowdesk-progress-link-'));
  first = await createStore({ sqlitePath: join(dir, 'flowdesk.sqlite') });
  second = await createStore({ sqlitePath: join(dir, 'flowdesk.sqlite') });
});
afterEach(async () => {
  await first.close();
  await second.close();
  rmSync(dir, { recursive: true, force: true });
});

const URL_BASE = 'https://desk.example.cn';

function tokenOf(link: string): string {
  return new URL(link).searchParams.get('token') ?? '';
}

const ISSUED = new Date('2026-11-22T08:00:00.000Z');
const DAY_MS = 86_400_000;

/** Whether the token is a valid link for the ticket under this secret, now. */
function tokenValid(secret: string, ticketNumber: string, token: string, now = ISSUED): boolean {
  const rules = { now, validDays: 90, legacyLinksUntil: ISSUED.toISOString() };
  return checkProgressToken(secret, ticketNumber, token, rules).status === 'valid';
}

/**
 * `store` whose plain (outside a transaction) channel-settings reads answer
 * only when `release()` is called: a process that read "no secret yet" and
 * was then overtaken by another.
 */
function delayedReads(store: Store) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let delayedOnce = false;
  let answered!: () => void;
  const firstReadDone = new Promise<void>((resolve) => {
    answered = resolve;
  });
  const channelSettings: ChannelSettingRepository = Object.create(store.channelSettings);
  channelSettings.get = async (workspaceId, channel) => {
    const value = await store.channelSettings.get(workspaceId, channel);
    if (!delayedOnce) {
      delayedOnce = true;
      answered();
      await released;
    }
    return value;
  };
  return { repos: { channelSettings, transaction: store.transaction }, release, firstReadDone };
}

describe('the progress link secret', () => {
  it('is the same for two processes that start together on an empty store', async () => {
    const [a, b] = await Promise.all([
      new ProgressLinks(first, URL_BASE).loaded(),
      new ProgressLinks(second, URL_BASE).loaded(),
    ]);
    a.stop();
    b.stop();
    expect(a.link('CS202611220001', ISSUED)).toBe(b.link('CS202611220001', ISSUED));
    const { settings } = await readChannel(first, 'progress_page');
    expect(
      tokenValid(settings.linkSecret ?? '', 'CS202611220001', tokenOf(a.link('CS202611220001', ISSUED))),
    ).toBe(true);
  });

  it('a process that saw no secret, then was overtaken, uses the secret the other one stored', async () => {
    const slow = delayedReads(second);
    const slowLinks = new ProgressLinks(slow.repos, URL_BASE).loaded();
    const fast = await new ProgressLinks(first, URL_BASE).loaded();
    slow.release();
    const late = await slowLinks;
    fast.stop();
    late.stop();
    expect(late.link('CS202611220002', ISSUED)).toBe(fast.link('CS202611220002', ISSUED));
  });

  it('does not undo an admin change made between its first read and its write', async () => {
    const slow = delayedReads(second);
    const secret = progressLinkSecret(slow.repos, new Date());
    // The first read has been answered ("no secret, page on"); the admin now switches the page off.
    await slow.firstReadDone;
    await updateChannel(first, { channel: 'progress_page', enabled: false }, new Date());
    slow.release();
    const created = await secret;
    const stored = await readChannel(first, 'progress_page');
    expect(stored.enabled).toBe(false);
    expect(stored.settings.linkSecret).toBe(created);
  });

  it('follows an admin who replaces or clears the secret, on its next reload', async () => {
    const links = await new ProgressLinks(first, URL_BASE).loaded();
    links.stop();
    const before = tokenOf(links.link('CS202611220003', ISSUED));

    const replaced = 'r'.repeat(43);
    await updateChannel(second, { channel: 'progress_page', settings: { linkSecret: replaced } }, new Date());
    await links.refresh();
    expect(tokenValid(replaced, 'CS202611220003', tokenOf(links.link('CS202611220003', ISSUED)))).toBe(true);

    await updateChannel(second, { channel: 'progress_page', settings: { linkSecret: null } }, new Date());
    await links.refresh();
    const { settings } = await readChannel(second, 'progress_page');
    expect(settings.linkSecret).toHaveLength(43);
    expect(settings.linkSecret).not.toBe(replaced);
    const after = tokenOf(links.link('CS202611220003', ISSUED));
    expect(tokenValid(settings.linkSecret ?? '', 'CS202611220003', after)).toBe(true);
    expect(after).not.toBe(before);
  });
});

describe('progress tokens', () => {
  const SECRET = 's'.repeat(43);
  const rules = (now: Date, legacyLinksUntil = ISSUED.toISOString()) => ({
    now,
    validDays: 90,
    legacyLinksUntil,
  });

  it('carry their issue time, signed: valid for 90 days, then expired; an altered time is no link', () => {
    const token = progressToken(SECRET, 'CS202611220001', ISSUED);
    expect(token).toMatch(/^[0-9a-z]+\.[\w-]{43}$/);
    expect(checkProgressToken(SECRET, 'CS202611220001', token, rules(ISSUED))).toEqual({
      status: 'valid',
      issuedAt: ISSUED,
    });
    const lastMoment = new Date(ISSUED.getTime() + 90 * DAY_MS - 1);
    expect(checkProgressToken(SECRET, 'CS202611220001', token, rules(lastMoment)).status).toBe('valid');
    const after = new Date(ISSUED.getTime() + 90 * DAY_MS);
    expect(checkProgressToken(SECRET, 'CS202611220001', token, rules(after))).toEqual({ status: 'expired' });

    const [, signature] = token.split('.');
    const younger = `${(ISSUED.getTime() + 89 * DAY_MS).toString(36)}.${signature}`;
    expect(checkProgressToken(SECRET, 'CS202611220001', younger, rules(after))).toEqual({
      status: 'invalid',
    });
    expect(checkProgressToken(SECRET, 'CS202611220002', token, rules(ISSUED))).toEqual({ status: 'invalid' });
    expect(checkProgressToken('o'.repeat(43), 'CS202611220001', token, rules(ISSUED)).status).toBe('invalid');
    const future = progressToken(SECRET, 'CS202611220001', new Date(ISSUED.getTime() + DAY_MS));
    expect(checkProgressToken(SECRET, 'CS202611220001', future, rules(ISSUED))).toEqual({
      status: 'invalid',
    });
  });

  it('accept a link from before issue times only until the grace period ends, and never once revoked', () => {
    const legacy = createHmac('sha256', SECRET).update('CS202611220001').digest('base64url');
    const until = new Date(ISSUED.getTime() + LEGACY_LINK_GRACE_DAYS * DAY_MS).toISOString();
    const during = checkProgressToken(SECRET, 'CS202611220001', legacy, rules(ISSUED, until));
    expect(during).toEqual({ status: 'valid', issuedAt: null });
    expect(revokedLink(null, ISSUED.toISOString())).toBe(true);
    expect(checkProgressToken(SECRET, 'CS202611220001', legacy, rules(new Date(until), until)).status).toBe(
      'expired',
    );
    expect(checkProgressToken(SECRET, 'CS202611220002', legacy, rules(ISSUED, until)).status).toBe('invalid');
  });

  it('are revoked when issued before the revocation time, not at or after it', () => {
    const revokedAt = ISSUED.toISOString();
    expect(revokedLink(new Date(ISSUED.getTime() - 1), revokedAt)).toBe(true);
    expect(revokedLink(ISSUED, revokedAt)).toBe(false);
    expect(revokedLink(new Date(ISSUED.getTime() - 1), null)).toBe(false);
  });

  it('give a workspace that had a secret before this version 90 days for its old links; a new one none', async () => {
    const old = 'q'.repeat(43);
    await first.channelSettings.put({
      workspaceId: 'default',
      channel: 'progress_page',
      enabled: true,
      settings: { linkSecret: old },
      updatedAt: ISSUED.toISOString(),
    });
    const upgraded = await progressLinkKeys(first, ISSUED);
    expect(upgraded).toEqual({
      secret: old,
      legacyLinksUntil: new Date(ISSUED.getTime() + 90 * DAY_MS).toISOString(),
    });
    // Set once: a later start does not move the end of the grace period.
    expect(await progressLinkKeys(second, new Date(ISSUED.getTime() + 10 * DAY_MS))).toEqual(upgraded);

    await first.channelSettings.put({
      workspaceId: 'other',
      channel: 'progress_page',
      enabled: true,
      settings: {},
      updatedAt: ISSUED.toISOString(),
    });
    const fresh = await progressLinkKeys(first, ISSUED, 'other');
    expect(fresh.legacyLinksUntil).toBe(ISSUED.toISOString());
    expect(fresh.secret).not.toBe(old);
  });
});
