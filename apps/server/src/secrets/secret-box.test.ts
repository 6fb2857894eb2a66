import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config/server-config.ts';
import { isSealed, SecretBox } from './secret-box.ts';
import { parseSecretKey, secretKeyOf } from './secret-key.ts';

const key = () => secretKeyOf(randomBytes(32));

describe('secret keys', () => {
  it('reads 32 bytes given as base64, base64url or hex, and nothing else', () => {
    const bytes = randomBytes(32);
    for (const text of [bytes.toString('base64'), bytes.toString('base64url'), bytes.toString('hex')]) {
      expect(parseSecretKey(`${text}\n`)?.bytes.equals(bytes)).toBe(true);
    }
    for (const text of ['', 'short', randomBytes(16).toString('base64'), randomBytes(33).toString('hex')]) {
      expect(parseSecretKey(text)).toBeUndefined();
    }
  });
});

describe('SecretBox', () => {
  it('seals into a versioned envelope naming the key, and opens it only in the same place', () => {
    const box = new SecretBox(key());
    const sealed = box.seal('wx-app-secret', 'channel_settings/default/wechat/appSecret');
    expect(sealed).toMatch(new RegExp(`^enc:v1:${box.current.id}:[\\w-]+:[\\w-]+:[\\w-]+$`));
    expect(sealed).not.toContain('wx-app-secret');
    expect(box.open(sealed, 'channel_settings/default/wechat/appSecret')).toBe('wx-app-secret');
    // Copied into another field it does not open.
    expect(() => box.open(sealed, 'channel_settings/default/wechat/token')).toThrow(ConfigError);
    // Two seals of one value differ (fresh IV), so equal secrets do not show as equal.
    expect(box.seal('same', 'x')).not.toBe(box.seal('same', 'x'));
  });

  it('refuses a tampered value and says the key is unknown for another key', () => {
    const box = new SecretBox(key());
    const sealed = box.seal('token123', 'w');
    const tampered = `${sealed.slice(0, -2)}${sealed.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(() => box.open(tampered, 'w')).toThrow(/cannot be decrypted/);
    const other = new SecretBox(key());
    expect(() => other.open(sealed, 'w')).toThrow(/encrypted with key .* FLOWDESK_SECRET_KEY/);
    expect(() => other.open(sealed, 'w')).toThrow(/数据库中的密钥类设置/);
  });

  it('opens values of the previous key during a rotation and seals with the new one', () => {
    const old = key();
    const sealedBefore = new SecretBox(old).seal('link-key', 'w');
    const rotating = new SecretBox(key(), [old]);
    expect(rotating.open(sealedBefore, 'w')).toBe('link-key');
    expect(rotating.needsReseal(sealedBefore)).toBe(true);
    const resealed = rotating.seal('link-key', 'w');
    expect(rotating.needsReseal(resealed)).toBe(false);
    expect(rotating.needsReseal('plain-from-an-older-database')).toBe(true);
  });

  it('passes an unsealed value from an older database through as it is', () => {
    const box = new SecretBox(key());
    expect(isSealed('plain')).toBe(false);
    expect(box.open('plain', 'w')).toBe('plain');
  });
});
