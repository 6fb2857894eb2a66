import { createHash } from 'node:crypto';
import { type GuardedRequestInit, guardedFetch } from '@flowdesk/connectors';
import type { StoreRepositories } from '@flowdesk/store';
import { readChannel } from '../channel-settings.ts';

/**
 * Sends the replies that come after the webhook has answered (agent replies,
 * flow replies after a wait) as customer-service messages. The settings are
 * read at delivery time, so an admin who fixes the app secret unblocks the
 * queue without a restart. Every failure throws: the outbox keeps the message
 * and retries it.
 */

export interface WechatOutgoing {
  /** The follower's OpenID. */
  to: string;
  body: string;
}

export type WechatSender = (message: WechatOutgoing, idempotencyKey: string) => Promise<void>;

export interface WechatSenderOptions {
  store: Pick<StoreRepositories, 'channelSettings'>;
  /** Let the API base URL point at this machine or the private network (tests, mock servers). */
  allowPrivateNetworks: boolean;
  timeoutMs?: number;
  /** Milliseconds since the epoch; for token expiry. */
  now?: () => number;
}

/** Renew this long before the platform's expiry, so a token never dies in flight. */
const EXPIRY_MARGIN_MS = 5 * 60 * 1000;
/** The platform's codes for a token that is no longer valid. */
const TOKEN_REJECTED = new Set([40001, 40014, 42001]);

interface CachedToken {
  token: string;
  expiresAt: number;
}

interface PlatformAnswer {
  errcode?: number;
  errmsg?: string;
  access_token?: string;
  expires_in?: number;
}

export function createWechatSender(options: WechatSenderOptions): WechatSender {
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const tokens = new Map<string, CachedToken>();

  async function call(url: URL, init: GuardedRequestInit = {}): Promise<PlatformAnswer> {
    // The address connected to is the one checked: a rebinding DNS name cannot reach the private network.
    const response = await guardedFetch(
      url,
      { ...init, signal: AbortSignal.timeout(timeoutMs) },
      { allowPrivateNetworks: options.allowPrivateNetworks },
    );
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`WeChat API answered HTTP ${response.status}`);
    }
    return (await response.json()) as PlatformAnswer;
  }

  async function accessToken(
    base: string,
    appId: string,
    appSecret: string,
    cacheKey: string,
  ): Promise<string> {
    const cached = tokens.get(cacheKey);
    if (cached && cached.expiresAt > now()) return cached.token;
    const url = new URL('cgi-bin/token', base);
    url.search = new URLSearchParams({
      grant_type: 'client_credential',
      appid: appId,
      secret: appSecret,
    }).toString();
    const answer = await call(url);
    if (!answer.access_token) {
      throw new Error(
        `WeChat refused the access token: ${answer.errcode ?? '?'} ${answer.errmsg ?? ''}`.trim(),
      );
    }
    const lifetimeMs = (answer.expires_in ?? 7200) * 1000;
    tokens.set(cacheKey, { token: answer.access_token, expiresAt: now() + lifetimeMs - EXPIRY_MARGIN_MS });
    return answer.access_token;
  }

  return async (message) => {
    const { enabled, settings } = await readChannel(options.store, 'wechat');
    if (!enabled) throw new Error('the WeChat channel is switched off; the message stays queued');
    const { appId, appSecret } = settings;
    if (!appId || !appSecret) {
      throw new Error('WeChat appId and appSecret are not set; the message stays queued until they are');
    }
    // The base always ends with one slash, so `cgi-bin/…` resolves below any path prefix.
    const base = `${settings.apiBaseUrl.replace(/\/+$/, '')}/`;
    const cacheKey = createHash('sha256').update(`${base}\n${appId}\n${appSecret}`).digest('hex');
    const token = await accessToken(base, appId, appSecret, cacheKey);
    const url = new URL('cgi-bin/message/custom/send', base);
    url.search = new URLSearchParams({ access_token: token }).toString();
    const answer = await call(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ touser: message.to, msgtype: 'text', text: { content: message.body } }),
    });
    if (answer.errcode !== undefined && answer.errcode !== 0) {
      if (TOKEN_REJECTED.has(answer.errcode)) tokens.delete(cacheKey);
      throw new Error(`WeChat refused the message: ${answer.errcode} ${answer.errmsg ?? ''}`.trim());
    }
  };
}
