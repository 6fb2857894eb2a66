import { type ActivityResult, type FlowData, renderTemplate } from '@flowdesk/engine';
import type { LocalizedTemplate } from '@flowdesk/model';
import { localeOf } from './activity-support.ts';

/** Renders a node's template in the customer's language, as the real activity would. */
export function renderForSimulation(
  template: LocalizedTemplate | string | undefined,
  data: FlowData,
): string {
  if (template === undefined) return '';
  const source =
    typeof template === 'string'
      ? template
      : (template[localeOf(data)] ?? template['zh-CN'] ?? template.en ?? '');
  return renderTemplate(source, data, { locale: localeOf(data) }).text;
}

export function simulated(output: Record<string, unknown> = {}, port?: string): ActivityResult {
  return port === undefined ? { ok: true, output } : { ok: true, port, output };
}
