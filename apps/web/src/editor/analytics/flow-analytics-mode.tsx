import { useTranslation } from 'react-i18next';
import { CollapsiblePanel } from '../collapsible-panel.tsx';
import { FlowAnalyticsPanel } from './flow-analytics-panel.tsx';
import { FlowAnalyticsView } from './flow-analytics-view.tsx';
import { useFlowAnalytics } from './use-flow-analytics.ts';

/** The editor with the "Analytics" toggle on: the version's canvas with its figures, and the panel beside it. */
export function FlowAnalyticsMode(props: {
  flowId: string;
  liveVersion: number;
  sidePanelOpen: boolean;
  onToggleSidePanel: () => void;
}) {
  const { t } = useTranslation();
  const state = useFlowAnalytics(props.flowId, props.liveVersion);
  return (
    <>
      <FlowAnalyticsView state={state} />
      <CollapsiblePanel
        side="right"
        id="editor-analytics-panel"
        open={props.sidePanelOpen}
        onToggle={props.onToggleSidePanel}
        showLabel={t('editor.showSidePanel')}
        hideLabel={t('editor.hideSidePanel')}
      >
        <FlowAnalyticsPanel state={state} />
      </CollapsiblePanel>
    </>
  );
}
