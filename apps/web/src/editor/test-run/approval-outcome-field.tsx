import type { FlowGraph } from '@flowdesk/model';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { APPROVAL_OUTCOMES, type ApprovalOutcome } from './test-run-result.ts';

const APPROVAL_STEP = 'timing.ask_approval';

/** Whether the graph asks a person to approve somewhere, so the tester has a decision to pick. */
export const hasApprovalStep = (graph: FlowGraph): boolean =>
  graph.nodes.some((node) => node.type === APPROVAL_STEP);

/** What the person asked by the flow's "Ask for approval" steps decides in the test run. */
export function ApprovalOutcomeField(props: {
  value: ApprovalOutcome;
  onChange: (value: ApprovalOutcome) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="form-group" data-testid="test-approval-outcome">
      <label htmlFor={`${id}-approval`}>{t('testRun.approvalOutcome.label')}</label>
      <select
        id={`${id}-approval`}
        aria-describedby={`${id}-approval-help`}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value as ApprovalOutcome)}
      >
        {APPROVAL_OUTCOMES.map((outcome) => (
          <option key={outcome} value={outcome}>
            {t(`testRun.approvalOutcome.${outcome}`)}
          </option>
        ))}
      </select>
      <p className="help" id={`${id}-approval-help`}>
        {t('testRun.approvalOutcome.help')}
      </p>
    </div>
  );
}
