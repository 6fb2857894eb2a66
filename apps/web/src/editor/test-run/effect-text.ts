import { type Locale, MESSAGE_CHANNELS, type MessageChannel } from '@flowdesk/model';
import type { TestRunEffect } from './test-run-result.ts';

/**
 * A message effect's summary is `<channel>: <text>` (send-message.activity.ts
 * writes it so the CLI reads it on one line). The panel shows the text alone,
 * as the customer would get it, and the channel by its name beside it, so
 * "reply" never reads as part of the message. Anything else stays as it came.
 */
export interface ShownEffect {
  /** The channel's name in the interface language; absent when the summary names none. */
  readonly channel?: string;
  readonly text: string;
}

export function shownEffect(effect: Pick<TestRunEffect, 'kind' | 'summary'>, locale: Locale): ShownEffect {
  if (effect.kind !== 'message') return { text: effect.summary };
  const separator = effect.summary.indexOf(': ');
  const channel = separator > 0 ? effect.summary.slice(0, separator) : '';
  if (!isMessageChannel(channel)) return { text: effect.summary };
  return { channel: MESSAGE_CHANNELS.labels[channel][locale], text: effect.summary.slice(separator + 2) };
}

function isMessageChannel(value: string): value is MessageChannel {
  return (MESSAGE_CHANNELS.values as readonly string[]).includes(value);
}
