import { text } from '../i18n.ts';
import type { Port, PortRequirement } from './catalog.types.ts';

export function port(id: string, label: Port['label'], requirement: PortRequirement): Port {
  return { id, label, requirement };
}

export const NEXT_PORT = port('next', text('下一步', 'Next'), 'optional');
export const TRIGGER_NEXT_PORT = port('next', text('开始', 'Start'), 'required');
/** Connected: a failure takes this port. Unconnected: the execution fails with an incident to retry. */
export const ERROR_PORT = port('error', text('出错时', 'On error'), 'optional');
