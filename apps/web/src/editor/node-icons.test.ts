import { NODE_TYPES } from '@flowdesk/model';
import { describe, expect, it } from 'vitest';
import { NODE_ICONS } from './node-icons.ts';
import { portsOf, summaryOf } from './node-type-info.ts';

describe('node cards from the catalog', () => {
  it('bundles the icon of every node type', () => {
    expect(
      NODE_TYPES.filter((definition) => !NODE_ICONS[definition.icon]).map((definition) => definition.type),
    ).toEqual([]);
  });

  it('labels ports from the config: switch cases and classifier categories become outputs', () => {
    const ports = portsOf('logic.switch', {
      field: 'ticket.priority',
      cases: [{ id: 'urgent', label: 'Urgent', operator: 'equals', value: 'urgent' }],
    });
    expect(ports.map((port) => port.id)).toEqual(['urgent', 'default', 'error']);
    expect(portsOf('logic.condition', {}).map((port) => port.label.en)).toEqual(['Yes', 'No', 'On error']);
  });

  it('summarises a valid config in the chosen language and admits a half-filled one', () => {
    expect(
      summaryOf('timing.wait', { mode: 'duration', duration: { amount: 24, unit: 'hours' } }, 'en'),
    ).toMatch(/24 hours/);
    expect(summaryOf('timing.wait', { mode: 'duration' }, 'en')).toBeUndefined();
  });
});
