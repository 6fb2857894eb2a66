import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ChannelSettingRepository, createStore, type Store } from '@flowdesk/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readChannel, updateChannel } from '../channel-settings.ts';
import { ProgressLinks, progressLinkSecret, progressTokenMatches } from './progress-link.ts';

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
    expect(a.link('CS202611220001')).toBe(b.link('CS202611220001'));
    const { settings } = await readChannel(first, 'progress_page');
    expect(
      progressTokenMatches(settings.linkSecret ?? '', 'CS202611220001', tokenOf(a.link('CS202611220001'))),
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
    expect(late.link('CS202611220002')).toBe(fast.link('CS202611220002'));
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
    const before = tokenOf(links.link('CS202611220003'));

    const replaced = 'r'.repeat(43);
    await updateChannel(second, { channel: 'progress_page', settings: { linkSecret: replaced } }, new Date());
    await links.refresh();
    expect(progressTokenMatches(replaced, 'CS202611220003', tokenOf(links.link('CS202611220003')))).toBe(
      true,
    );

    await updateChannel(second, { channel: 'progress_page', settings: { linkSecret: null } }, new Date());
    await links.refresh();
    const { settings } = await readChannel(second, 'progress_page');
    expect(settings.linkSecret).toHaveLength(43);
    expect(settings.linkSecret).not.toBe(replaced);
    const after = tokenOf(links.link('CS202611220003'));
    expect(progressTokenMatches(settings.linkSecret ?? '', 'CS202611220003', after)).toBe(true);
    expect(after).not.toBe(before);
  });
});
