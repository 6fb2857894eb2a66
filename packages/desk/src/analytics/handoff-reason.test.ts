import { describe, expect, it } from 'vitest';
import { handoffReasonFromSteps } from './handoff-reason.ts';

const step = (nodeType: string, port: string | null = null) => ({ nodeType, port });

describe('handoffReasonFromSteps', () => {
  it('reads low confidence from the Classify step before the hand-over', () => {
    expect(
      handoffReasonFromSteps([
        step('trigger.request_received'),
        step('logic.classify', 'low_confidence'),
        step('action.create_ticket'),
      ]),
    ).toBe('low_confidence');
  });

  it('reads a customer asking for a person from the category the Classify step chose', () => {
    expect(handoffReasonFromSteps([step('logic.classify', '转人工'), step('action.assign')])).toBe(
      'customer_asked',
    );
    expect(handoffReasonFromSteps([step('logic.classify', 'ask_human'), step('action.escalate')])).toBe(
      'customer_asked',
    );
  });

  it('calls any other hand-over a rule, and ignores classifications after it', () => {
    expect(
      handoffReasonFromSteps([
        step('logic.condition', 'true'),
        step('action.create_ticket'),
        step('logic.classify', 'low_confidence'),
      ]),
    ).toBe('rule');
  });

  it('says unknown without a step log', () => {
    expect(handoffReasonFromSteps([])).toBe('unknown');
  });
});
