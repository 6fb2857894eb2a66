import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { openSqliteStore } from '@flowdesk/store';
import { afterEach, describe, expect, it } from 'vitest';
import { readChannel } from '../../src/channels/channel-settings.ts';
import { tempDatabase } from '../process-kit.ts';
import { type InProcessServer, startInProcessServer } from './in-process-server.ts';

/**
 * Finding 4: channel credentials and the progress-link key were stored in
 * clear, in database files created 0644. Planted secrets must not appear in the
 * bytes of the database or its WAL, every file is 0600, and a wrong or missing
 * key stops the start with a message saying what to fix.
 */

const TOKEN = 'PlantedToken4242';
const APP_SECRET = 'planted-app-secret-9c1e7f3a5b';

const modeOf = (path: string) => statSync(path).mode & 0o777;

function rawBytes(dbPath: string): Buffer {
  return Buffer.concat(
    [dbPath, `${dbPath}-wal`].filter((file) => existsSync(file)).map((file) => readFileSync(file)),
  );
}

describe('secrets at rest', () => {
  let server: InProcessServer | undefined;

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('keeps WeChat credentials and the link key out of the database bytes, in 0600 files', async () => {
    const dbPath = tempDatabase();
    server = await startInProcessServer({ FLOWDESK_DB: dbPath });
    const answer = await server.adminCaller().channels.update({
      channel: 'wechat',
      enabled: true,
      settings: { token: TOKEN, appId: 'wx1234567890', appSecret: APP_SECRET },
    });
    expect(answer.secretsSet).toEqual({ token: true, appSecret: true });
    // Everything above the store still reads them in clear.
    const wechat = await readChannel(server.running.store, 'wechat');
    expect(wechat.settings).toMatchObject({ token: TOKEN, appSecret: APP_SECRET });
    const linkSecret = (await readChannel(server.running.store, 'progress_page')).settings.linkSecret;
    expect(linkSecret).toMatch(/^[\w-]{40,}$/);

    const planted = [TOKEN, APP_SECRET, linkSecret as string];
    const whileRunning = rawBytes(dbPath);
    for (const secret of planted) expect(whileRunning.includes(secret)).toBe(false);
    for (const file of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`, `${dbPath}.key`]) {
      expect({ file, mode: modeOf(file).toString(8) }).toEqual({ file, mode: '600' });
    }

    await server.close();
    server = undefined;
    for (const secret of planted) expect(rawBytes(dbPath).includes(secret)).toBe(false);

    // The key file is read again on the next start: the secrets come back.
    server = await startInProcessServer({ FLOWDESK_DB: dbPath });
    expect((await readChannel(server.running.store, 'wechat')).settings).toMatchObject({ token: TOKEN });
    expect((await readChannel(server.running.store, 'progress_page')).settings.linkSecret).toBe(linkSecret);
  });

  it('refuses to start with a wrong key or without the key file, in both languages, and generates no new key', async () => {
    const dbPath = tempDatabase();
    server = await startInProcessServer({ FLOWDESK_DB: dbPath });
    await server.close();
    server = undefined;
    const keyFile = readFileSync(`${dbPath}.key`, 'utf8');

    const wrongKey = randomBytes(32).toString('base64');
    const wrong = await startInProcessServer({ FLOWDESK_DB: dbPath, FLOWDESK_SECRET_KEY: wrongKey }).catch(
      (error: unknown) => error,
    );
    expect(String(wrong)).toMatch(/数据库中的密钥类设置是用密钥 \w+ 加密的/);
    expect(String(wrong)).toMatch(/Secrets in the database were encrypted with key \w+/);
    expect(String(wrong)).not.toContain(wrongKey);

    rmSync(`${dbPath}.key`);
    const missing = await startInProcessServer({ FLOWDESK_DB: dbPath }).catch((error: unknown) => error);
    expect(String(missing)).toContain(`${dbPath}.key`);
    expect(String(missing)).toMatch(/密钥文件 .* 不存在/);
    expect(String(missing)).toMatch(/No new key is generated/);
    expect(existsSync(`${dbPath}.key`)).toBe(false);

    // The original key given in the environment opens the database again.
    server = await startInProcessServer({ FLOWDESK_DB: dbPath, FLOWDESK_SECRET_KEY: keyFile.trim() });
    expect((await readChannel(server.running.store, 'progress_page')).settings.linkSecret).toBeTruthy();
  });

  it('seals the plain-text secrets an older version stored, on the first start', async () => {
    const dbPath = tempDatabase();
    const older = await openSqliteStore({ path: dbPath });
    await older.channelSettings.put({
      workspaceId: 'default',
      channel: 'wechat',
      enabled: true,
      settings: { token: TOKEN, appSecret: APP_SECRET, apiBaseUrl: 'https://api.weixin.qq.com' },
      updatedAt: new Date().toISOString(),
    });
    await older.close();

    server = await startInProcessServer({ FLOWDESK_DB: dbPath });
    expect((await readChannel(server.running.store, 'wechat')).settings).toMatchObject({
      token: TOKEN,
      appSecret: APP_SECRET,
    });
    const raw = await openSqliteStore({ path: dbPath });
    const stored = await raw.channelSettings.get('default', 'wechat');
    await raw.close();
    expect(stored?.settings.token).toMatch(/^enc:v1:/);
    expect(stored?.settings.appSecret).toMatch(/^enc:v1:/);
    await server.close();
    server = undefined;
    for (const secret of [TOKEN, APP_SECRET]) expect(rawBytes(dbPath).includes(secret)).toBe(false);
  });

  it('leaves no stale copy of the sealed plain text in free space, when the row was not the last in its page', async () => {
    const dbPath = tempDatabase();
    const older = await openSqliteStore({ path: dbPath });
    const updatedAt = new Date().toISOString();
    await older.channelSettings.put({
      workspaceId: 'default',
      channel: 'wechat',
      enabled: true,
      settings: { token: TOKEN, appSecret: APP_SECRET, apiBaseUrl: 'https://api.weixin.qq.com' },
      updatedAt,
    });
    // Rows written after the secret's: it sits among them, not at the end of its page.
    for (let index = 0; index < 200; index += 1) {
      await older.channelSettings.put({
        workspaceId: `filler-${String(index).padStart(4, '0')}`,
        channel: 'email',
        enabled: false,
        settings: { note: `filler row ${index}`.padEnd(60, '.') },
        updatedAt,
      });
    }
    await older.close();
    // The planted values are in the file before the start seals them.
    for (const secret of [TOKEN, APP_SECRET]) expect(rawBytes(dbPath).includes(secret)).toBe(true);

    server = await startInProcessServer({ FLOWDESK_DB: dbPath });
    // Already while the server runs, neither the database nor its WAL holds them.
    for (const secret of [TOKEN, APP_SECRET]) {
      expect({ secret, found: rawBytes(dbPath).includes(secret) }).toEqual({ secret, found: false });
    }
    expect((await readChannel(server.running.store, 'wechat')).settings).toMatchObject({ token: TOKEN });
    await server.close();
    server = undefined;
    for (const secret of [TOKEN, APP_SECRET]) {
      expect({ secret, found: rawBytes(dbPath).includes(secret) }).toEqual({ secret, found: false });
    }
  });
});
