import { type ActivityResult, type FlowData, type RenderedTemplate, renderTemplate } from '@flowdesk/engine';
import type { LocalizedTemplate } from '@flowdesk/model';
import { pickLocalized } from '../notifications/message-content.ts';
import { localeOf } from './activity-support.ts';

/**
 * Renders a node's template in the customer's language, as the real activity
 * would (the other language when theirs is left empty), with the fields that
 * had no value: the text is exactly what the customer gets, the list is for
 * the test run to show beside it.
 */
export function renderedForSimulation(
  template: LocalizedTemplate | string | undefined,
  data: FlowData,
): RenderedTemplate {
  if (template === undefined) return { text: '', missing: [] };
  const locale = localeOf(data);
  const source = typeof template === 'string' ? template : pickLocalized(template, locale);
  return renderTemplate(source, data, { locale });
}

/** Just the text of renderedForSimulation. */
export function renderForSimulation(
  template: LocalizedTemplate | string | undefined,
  data: FlowData,
): string {
  return renderedForSimulation(template, data).text;
}

export function simulated(output: Record<string, unknown> = {}, port?: string): ActivityResult {
  return port === undefined ? { ok: true, output } : { ok: true, port, output };
}
