import type { ActivityHandler } from '@flowdesk/desk';
import { type FlowData, renderTemplate } from '@flowdesk/engine';
import type { Locale, LocalizedTemplate, MessageChannel } from '@flowdesk/model';
import { RUNTIME_MESSAGES } from '../runtime-messages.ts';

interface SendMessageConfig {
  channel: MessageChannel;
  to: 'customer' | 'assignee' | 'team' | 'address';
  address?: string;
  url?: string;
  subject?: LocalizedTemplate;
  body?: LocalizedTemplate;
}

function pickLocale(data: FlowData): Locale {
  const requested =
    data.request?.locale ?? (data.request?.customer as { locale?: unknown } | undefined)?.locale;
  return requested === 'en' ? 'en' : 'zh-CN';
}

function localized(template: LocalizedTemplate | undefined, locale: Locale): string {
  if (!template) return '';
  return (template[locale]?.trim() ? template[locale] : (template['zh-CN'] ?? template.en)) ?? '';
}

function contact(data: FlowData, kind: 'email' | 'phone'): string | undefined {
  const known =
    data.customer?.[kind] ?? (data.request?.customer as Record<string, unknown> | undefined)?.[kind];
  return typeof known === 'string' && known ? known : undefined;
}

/**
 * Renders the message in the customer's language and puts it in the outbox in
 * the same transaction as the step: it is delivered after commit, with retries,
 * under the step's idempotency key. A reply on the request's own channel is
 * also returned to the caller at once (chat, web form, API).
 */
export const sendMessageActivity: ActivityHandler = {
  mode: 'inline',
  async run(command, ctx) {
    const config = command.config as unknown as SendMessageConfig;
    const data = command.input;
    const locale = pickLocale(data);
    const body = renderTemplate(localized(config.body, locale), data, { locale });
    const subject = renderTemplate(localized(config.subject, locale), data, { locale });

    if (config.channel === 'reply') {
      ctx.produce({ kind: 'reply', channel: String(data.request?.channel ?? 'api'), text: body.text });
      const email = data.request?.channel === 'email' ? contact(data, 'email') : undefined;
      if (email && !ctx.dryRun) {
        await ctx.enqueue({
          kind: 'outbox.deliver',
          runAt: ctx.now.toISOString(),
          payload: { channel: 'email', to: email, subject: subject.text, body: body.text },
          idempotencyKey: ctx.idempotencyKey,
        });
      }
      return { ok: true, output: {} };
    }

    const to = recipient(config, data);
    if (!to) {
      return {
        ok: false,
        error: {
          code: 'runtime.no_recipient',
          message: RUNTIME_MESSAGES['runtime.no_recipient'](),
          retryable: false,
        },
      };
    }
    if (!ctx.dryRun) {
      await ctx.enqueue({
        kind: 'outbox.deliver',
        runAt: ctx.now.toISOString(),
        payload: {
          channel: config.channel,
          to,
          subject: subject.text,
          body: body.text,
          context: {
            executionId: ctx.executionId,
            nodeId: command.nodeId,
            ticket: (data.ticket?.number as string) ?? null,
          },
        },
        idempotencyKey: ctx.idempotencyKey,
      });
    }
    return { ok: true, output: {} };
  },
};

function recipient(config: SendMessageConfig, data: FlowData): string | undefined {
  if (config.channel === 'webhook') return config.url ?? config.address;
  if (config.to === 'address') return config.address;
  if (config.to === 'customer') {
    if (config.channel === 'email') return contact(data, 'email');
    if (config.channel === 'sms') return contact(data, 'phone');
  }
  const assignee = data.ticket?.assignee ?? data.ticket?.team;
  return typeof assignee === 'string' ? assignee : undefined;
}
