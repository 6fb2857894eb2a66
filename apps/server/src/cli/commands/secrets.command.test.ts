import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '@flowdesk/store';
import { describe, expect, it } from 'vitest';
import { openConfiguredStore } from '../../boot/open-store.ts';
import { readChannel, updateChannel } from '../../channels/channel-settings.ts';
import { loadServerConfig } from '../../config/server-config.ts';
import { memoryIo } from '../cli-test-kit.ts';
import { runCli } from '../main.ts';

const NOW = new Date('2026-11-22T08:00:00.000Z');

/** A database whose WeChat secrets were sealed with the key file's key. */
async function databaseWithSecrets(): Promise<{ dbPath: string; oldKey: string }> {
  const dbPath = join(mkdtempSync(join(tmpdir(), 'flowdesk-rotate-')), 'flowdesk.sqlite');
  const store = await openConfiguredStore(loadServerConfig({ FLOWDESK_DB: dbPath }));
  await updateChannel(
    store,
    { channel: 'wechat', settings: { token: 'RotateMe123', appSecret: 's3cret' } },
    NOW,
  );
  await store.close();
  return { dbPath, oldKey: readFileSync(`${dbPath}.key`, 'utf8').trim() };
}

async function storedToken(dbPath: string): Promise<string> {
  const raw = await openSqliteStore({ path: dbPath });
  const stored = await raw.channelSettings.get('default', 'wechat');
  await raw.close();
  return String(stored?.settings.token);
}

describe('flowdesk secrets rotate', () => {
  it('seals every stored secret again with the new key, reading the old ones with the previous key', async () => {
    const { dbPath, oldKey } = await databaseWithSecrets();
    const newKey = randomBytes(32).toString('hex');
    const before = await storedToken(dbPath);
    const io = memoryIo({
      FLOWDESK_DB: dbPath,
      FLOWDESK_SECRET_KEY: newKey,
      FLOWDESK_SECRET_KEY_PREVIOUS: oldKey,
    });
    expect(await runCli(['secrets', 'rotate', '--lang', 'en'], io)).toBe(0);
    expect(io.out()).toMatch(/Re-encrypted 2 stored secrets with key \w{12}/);
    const after = await storedToken(dbPath);
    expect(after).toMatch(/^enc:v1:/);
    expect(after.split(':')[2]).not.toBe(before.split(':')[2]);

    // The new key alone now opens everything; the old key alone no longer starts.
    const store = await openConfiguredStore(
      loadServerConfig({ FLOWDESK_DB: dbPath, FLOWDESK_SECRET_KEY: newKey }),
    );
    expect((await readChannel(store, 'wechat')).settings).toMatchObject({
      token: 'RotateMe123',
      appSecret: 's3cret',
    });
    await store.close();
    await expect(
      openConfiguredStore(loadServerConfig({ FLOWDESK_DB: dbPath, FLOWDESK_SECRET_KEY: oldKey })),
    ).rejects.toThrow(/were encrypted with key/);
  });

  it('changes nothing and says which key is missing when the previous key is not given', async () => {
    const { dbPath } = await databaseWithSecrets();
    const before = await storedToken(dbPath);
    const io = memoryIo({ FLOWDESK_DB: dbPath, FLOWDESK_SECRET_KEY: randomBytes(32).toString('base64') });
    expect(await runCli(['secrets', 'rotate', '--lang', 'zh-CN'], io)).toBe(2);
    expect(io.err()).toMatch(/FLOWDESK_SECRET_KEY_PREVIOUS/);
    expect(await storedToken(dbPath)).toBe(before);
  });

  it('refuses a malformed key without echoing it', async () => {
    const io = memoryIo({ FLOWDESK_DB: ':memory:', FLOWDESK_SECRET_KEY: 'not-a-key-at-all' });
    expect(await runCli(['secrets', 'rotate'], io)).toBe(2);
    expect(io.err()).toMatch(/FLOWDESK_SECRET_KEY=\(hidden\)/);
    expect(io.err()).toMatch(/32 字节/);
    expect(io.err()).not.toContain('not-a-key-at-all');
  });
});
