import { openSqliteStore, type Store } from '@flowdesk/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkProgressToken, progressLinkSecret } from '../channels/progress/progress-link.ts';
import { CustomerLinks } from './customer-links.ts';

const ISSUED = new Date('2026-11-22T08:00:00.000Z');
const RULES = { now: ISSUED, validDays: 90, legacyLinksUntil: ISSUED.toISOString() };

let store: Store;
beforeEach(async () => {
  store = await openSqliteStore({ path: ':memory:' });
});
afterEach(() => store.close());

function tokenOf(link: string): string {
  return new URL(link).searchParams.get('token') ?? '';
}

describe('CustomerLinks', () => {
  it('puts every link under the configured public URL, without its trailing slash', () => {
    const links = new CustomerLinks(store, 'https://desk.example.cn//');
    expect(links.base).toBe('https://desk.example.cn');
    expect(links.survey('abc_123')).toBe('https://desk.example.cn/s/abc_123');
  });

  it('uses http://localhost:3000 when no public URL is configured', () => {
    const links = new CustomerLinks(store, undefined);
    expect(links.base).toBe('http://localhost:3000');
    expect(links.survey('t')).toBe('http://localhost:3000/s/t');
  });

  it('signs progress links once the secret is loaded; before that the page would answer 404', async () => {
    const links = new CustomerLinks(store, 'https://desk.example.cn');
    expect(links.ticket('CS-000042', ISSUED)).toBe('https://desk.example.cn/t/CS-000042');
    await links.loaded();
    const link = links.ticket('CS-000042', ISSUED);
    expect(link.startsWith('https://desk.example.cn/t/CS-000042?token=')).toBe(true);
    const secret = await progressLinkSecret(store, ISSUED);
    expect(checkProgressToken(secret, 'CS-000042', tokenOf(link), RULES)).toEqual({
      status: 'valid',
      issuedAt: ISSUED,
    });
    links.close();
  });

  it('signs a link handed out in an answer with the secret as stored now, not the one loaded earlier', async () => {
    const links = await new CustomerLinks(store, 'https://desk.example.cn').loaded();
    const before = await progressLinkSecret(store, ISSUED);
    const { enabled, settings } = (await store.channelSettings.get('default', 'progress_page')) ?? {};
    // Another process (or an admin) replaced the secret a moment ago.
    await store.channelSettings.put({
      workspaceId: 'default',
      channel: 'progress_page',
      enabled: enabled ?? true,
      settings: { ...settings, linkSecret: 'a-new-secret-set-by-another-process-000000' },
      updatedAt: ISSUED.toISOString(),
    });
    const link = await links.storedTicket('CS-000042', ISSUED);
    expect(
      checkProgressToken('a-new-secret-set-by-another-process-000000', 'CS-000042', tokenOf(link), RULES),
    ).toMatchObject({ status: 'valid' });
    expect(checkProgressToken(before, 'CS-000042', tokenOf(link), RULES)).toEqual({ status: 'invalid' });
    links.close();
  });
});
