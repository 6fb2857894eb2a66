import type { ChannelField } from '../../../server/src/channels/channel-settings-spec.ts';

/**
 * Turning a channel's settings into form values and back. Which fields each
 * channel has, and their kinds, come from the server (`channels.forms`, declared
 * beside each channel's settings schema). Fields not in the form are left as
 * they are on the server (an update sends only what changed). Secrets are
 * write-only: empty means "keep".
 */
export type { ChannelField, ChannelFieldKind } from '../../../server/src/channels/channel-settings-spec.ts';

/** What the form holds for a field: text for inputs, a boolean for checkboxes. */
export type FieldValue = string | boolean;

export function formValueOf(field: ChannelField, value: unknown): FieldValue {
  switch (field.kind) {
    case 'boolean':
      return value === true;
    case 'list':
      return Array.isArray(value) ? value.join('\n') : '';
    case 'greeting': {
      const greeting = (value ?? {}) as Record<string, unknown>;
      return `${String(greeting['zh-CN'] ?? '')}\n${String(greeting.en ?? '')}`;
    }
    case 'secret':
      return '';
    default:
      return value === undefined || value === null ? '' : String(value);
  }
}

/**
 * The change to send: only fields the admin touched, typed as the server
 * expects. A secret left empty is not sent, so the stored one is kept.
 */
export function settingsPatch(
  fields: readonly ChannelField[],
  values: Readonly<Record<string, FieldValue>>,
  touched: ReadonlySet<string>,
): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const field of fields) {
    if (!touched.has(field.key)) continue;
    const value = values[field.key];
    switch (field.kind) {
      case 'boolean':
        patch[field.key] = value === true;
        break;
      case 'list':
        patch[field.key] = String(value ?? '')
          .split(/[\n,，]/)
          .map((item) => item.trim())
          .filter(Boolean);
        break;
      case 'number':
        patch[field.key] = Number(value);
        break;
      case 'greeting': {
        const [zh = '', en = ''] = String(value ?? '').split('\n');
        patch[field.key] = { 'zh-CN': zh.trim(), en: en.trim() };
        break;
      }
      case 'secret':
        if (String(value ?? '').trim()) patch[field.key] = String(value).trim();
        break;
      default: {
        const text = String(value ?? '').trim();
        // An emptied optional field is sent as null, which removes it on the server.
        patch[field.key] = text === '' ? null : text;
      }
    }
  }
  return patch;
}
