import { LocalizedTextSchema } from '@flowdesk/model';
import { z } from 'zod';
import { channelSettings } from '../channel-settings-spec.ts';

export const WidgetChannelSettings = z.strictObject({
  /** Web origins that may embed the widget (`https://shop.example.cn`); empty: the widget stays off. */
  allowedOrigins: z
    .array(z.url({ protocol: /^https?$/ }).max(200))
    .max(50)
    .default([]),
  defaultMode: z.enum(['form', 'chat']).default('chat'),
  /** Categories the form offers; empty hides the field. */
  categories: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
  greeting: LocalizedTextSchema.default({
    'zh-CN': '您好！请留下您的问题，我们会尽快回复。',
    en: 'Hello! Leave us your question and we will answer soon.',
  }),
});

export const widgetSettings = channelSettings({
  key: 'widget',
  schema: WidgetChannelSettings,
  secrets: [],
  defaultOn: true,
  fields: [
    { key: 'defaultMode', kind: 'mode' },
    { key: 'categories', kind: 'list' },
    { key: 'allowedOrigins', kind: 'list' },
    { key: 'greeting', kind: 'greeting' },
  ],
});
