import { CHANNELS, type Channel, LOCALES } from '@flowdesk/model';
import { describe, expect, it } from 'vitest';
import { en } from '../../../web/src/i18n/en.locale.ts';
import { zhCN } from '../../../web/src/i18n/zh-cn.locale.ts';
import { OUTBOUND_CHANNELS } from '../runtime/job-payloads.ts';
import type { ChannelModule } from './channel-module.ts';
import { CHANNEL_MODULES } from './channel-registry.ts';
import { CHANNEL_KEYS } from './channel-settings.schema.ts';

/**
 * Walks the vocabulary's request channels and the registry as the server wires
 * them, so a channel that is half added (no module, no settings form, a label
 * missing in one language) fails here rather than on an admin's screen.
 */

/** Channels with nothing to set per workspace, and why. */
const WITHOUT_SETTINGS: Record<string, string> = {
  api: 'API keys decide who may post; there is no per-workspace switch',
  sms: 'outbound only; the gateway is configured by the operator (FLOWDESK_SMS_URL)',
};

/** Outbound channels the outbox handles without a channel module. */
const DELIVERED_ELSEWHERE: Record<string, string> = {
  webhook: 'ChannelOutbox posts webhooks itself, signed with the server’s webhook secret',
  in_app: 'written to the agents’ inbox in the step, never queued',
};

function moduleOfRequestChannel(channel: Channel): ChannelModule {
  const found = CHANNEL_MODULES.find((module) =>
    (module.requestChannels as readonly Channel[]).includes(channel),
  );
  if (!found) throw new Error(`no channel module takes requests on ${channel}`);
  return found;
}

const WEB_TEXTS = { en, 'zh-CN': zhCN } as const;

function webText(locale: keyof typeof WEB_TEXTS, path: string): unknown {
  let node: unknown = WEB_TEXTS[locale];
  for (const part of path.split('.')) {
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  }
  return node;
}

function missingTexts(paths: readonly string[]): string[] {
  return LOCALES.flatMap((locale) =>
    paths
      .filter((path) => {
        const value = webText(locale, path);
        return typeof value !== 'string' || value.trim() === '';
      })
      .map((path) => `${locale}: ${path}`),
  );
}

describe('channel coverage', () => {
  it.each(CHANNELS.values)(
    'request channel %s has a module, a label and settings or a reason for none',
    (channel) => {
      const module = moduleOfRequestChannel(channel);
      for (const locale of LOCALES) expect(CHANNELS.labels[channel][locale].trim()).not.toBe('');
      if (module.settings === null) {
        expect(WITHOUT_SETTINGS[module.id], `${module.id} has no settings and no reason`).toBeTruthy();
      } else {
        expect(module.settings.key).toBe(module.id);
        expect(CHANNEL_KEYS).toContain(module.id);
      }
    },
  );

  it('lists each module once, and each request channel in one module only', () => {
    const ids = CHANNEL_MODULES.map((module) => module.id);
    expect(new Set(ids).size).toBe(ids.length);
    const taken = CHANNEL_MODULES.flatMap((module) => [...module.requestChannels]);
    expect(taken.toSorted()).toEqual([...CHANNELS.values].toSorted());
  });

  it.each(CHANNEL_KEYS)(
    'settings of %s: a form whose every field and the channel itself are named in zh-CN and en',
    (key) => {
      const module = CHANNEL_MODULES.find((candidate) => candidate.id === key);
      const settings = module?.settings;
      if (!settings) throw new Error(`settings ${key} belong to no module`);
      const schemaKeys = Object.keys(settings.schema.shape);
      for (const field of settings.fields) expect(schemaKeys).toContain(field.key);
      for (const secret of settings.secrets) expect(schemaKeys).toContain(secret);
      // A secret on the form is a write-only input, and a write-only input is a secret the browser never gets back.
      for (const field of settings.fields) {
        expect(field.kind === 'secret', `${key}.${field.key}`).toBe(
          (settings.secrets as readonly string[]).includes(field.key),
        );
      }
      // Every field a new workspace starts without must parse from nothing: the defaults make it work.
      expect(settings.schema.safeParse({}).success).toBe(true);
      expect(
        missingTexts([
          `channels.name.${key}`,
          `channels.about.${key}`,
          ...settings.fields.map((field) => `channels.field.${key}.${field.key}`),
        ]),
      ).toEqual([]);
    },
  );

  it.each(OUTBOUND_CHANNELS)(
    'outbound channel %s has a sender in one module, or is delivered elsewhere',
    (channel) => {
      const senders = CHANNEL_MODULES.filter(
        (module) => 'outbound' in module && module.outbound.channel === channel,
      );
      if (DELIVERED_ELSEWHERE[channel]) expect(senders).toEqual([]);
      else expect(senders.map((module) => module.id)).toHaveLength(1);
    },
  );
});
