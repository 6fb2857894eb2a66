import { type FlowData, renderTemplate } from '@flowdesk/engine';
import type { Locale } from '@flowdesk/model';
import type { JsonObject } from '@flowdesk/store';

/**
 * A ticket's custom fields rendered from the node's templates. A value that
 * comes out blank because the fields it names have no value (a request without
 * `customFields.orderNo`) is left out rather than stored as an empty string: the
 * ticket shows no empty order number, and an update never wipes a value an
 * agent filled in. A template that is blank on purpose is still written.
 */
export function renderCustomFields(
  templates: Readonly<Record<string, string>>,
  data: FlowData,
  locale: Locale,
): JsonObject {
  const values: JsonObject = {};
  for (const [name, template] of Object.entries(templates)) {
    const rendered = renderTemplate(template, data, { locale });
    if (rendered.text.trim() === '' && rendered.missing.length > 0) continue;
    values[name] = rendered.text;
  }
  return values;
}
