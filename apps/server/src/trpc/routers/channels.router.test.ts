import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readChannel } from '../../channels/channel-settings.ts';
import { createTestBed, type TestBed } from '../../testing/server-test-kit.ts';

describe('channels router', () => {
  let bed: TestBed;
  beforeEach(async () => {
    bed = await createTestBed();
  });
  afterEach(() => bed.close());

  it('lists every channel with its defaults until an admin changes one', async () => {
    const channels = await bed.callerAs(bed.users.admin).channels.list();
    expect(channels.map((channel) => [channel.channel, channel.enabled])).toEqual([
      ['email', true],
      ['widget', true],
      ['voice', true],
      ['wechat', false],
      ['progress_page', true],
    ]);
    expect(channels.find((channel) => channel.channel === 'wechat')?.secretsSet).toEqual({
      token: false,
      appSecret: false,
    });
  });

  it('keeps secrets write-only and a secret left out of a later change', async () => {
    const admin = bed.callerAs(bed.users.admin);
    const saved = await admin.channels.update({
      channel: 'wechat',
      enabled: true,
      settings: { token: 'flowdesk2026', appId: 'wx123', appSecret: 's3cret' },
    });
    expect(saved.settings).toEqual({ appId: 'wx123', apiBaseUrl: 'https://api.weixin.qq.com' });
    expect(saved.secretsSet).toEqual({ token: true, appSecret: true });
    expect(JSON.stringify(await admin.channels.list())).not.toContain('s3cret');
    await admin.channels.update({ channel: 'wechat', settings: { appId: 'wx456' } });
    const stored = await readChannel(bed.store, 'wechat');
    expect(stored).toMatchObject({ enabled: true, settings: { token: 'flowdesk2026', appId: 'wx456' } });
  });

  it('refuses a bad setting with a translated message and stores nothing', async () => {
    const admin = bed.callerAs(bed.users.admin);
    const refused = await admin.channels
      .update({ channel: 'wechat', enabled: true, settings: { token: 'a b' } })
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'BAD_REQUEST' });
    expect(String((refused as Error).message)).toMatch(/token|letters or digits|字母/);
    expect(await bed.store.channelSettings.get('default', 'wechat')).toBeNull();
    await expect(
      admin.channels.update({ channel: 'email', settings: { addresses: ['not-an-address'] } }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('is for admins only', async () => {
    for (const user of [bed.users.editor, bed.users.agent, bed.users.viewer]) {
      await expect(bed.callerAs(user).channels.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(
        bed.callerAs(user).channels.update({ channel: 'widget', enabled: false }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
  });
});
