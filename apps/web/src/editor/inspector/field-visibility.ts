import type { FieldHelp } from '@flowdesk/model';
import type { JsonSchema } from './schema-kinds.ts';

/**
 * Which of an object's fields the inspector shows, and where: fields whose
 * catalog entry says `visibleWhen` a sibling has other values are left out
 * (their values stay in the config), and `advanced` ones go under the
 * collapsed Advanced section. Pure, so it is tested without a DOM.
 */
export function arrangeFields(
  properties: Readonly<Record<string, JsonSchema>>,
  value: Readonly<Record<string, unknown>>,
  helpOf: (key: string) => FieldHelp | undefined,
): { basic: Array<[string, JsonSchema]>; advanced: Array<[string, JsonSchema]> } {
  const basic: Array<[string, JsonSchema]> = [];
  const advanced: Array<[string, JsonSchema]> = [];
  for (const entry of Object.entries(properties)) {
    const fieldHelp = helpOf(entry[0]);
    const when = fieldHelp?.visibleWhen;
    if (when) {
      // A sibling not set yet counts as its default: a new Send message step is sent to the customer.
      const sibling = value[when.field] ?? properties[when.field]?.default;
      if (!when.in.includes(String(sibling))) continue;
    }
    (fieldHelp?.advanced ? advanced : basic).push(entry);
  }
  return { basic, advanced };
}
