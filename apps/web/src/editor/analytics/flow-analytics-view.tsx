import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Selection } from '../editor-store.ts';
import { ReadOnlyFlowCanvas } from '../read-only-flow-canvas.tsx';
import { analyticsDecorations } from './analytics-decorations.ts';
import type { FlowAnalyticsState } from './use-flow-analytics.ts';

const NO_SELECTION: Selection = { nodes: [], edges: [] };

/**
 * The editor's centre while the overlay is on: the picked version as it was
 * published (not the draft, which may have moved on), read-only, with lines as
 * thick as they were used and each step's figures.
 */
export function FlowAnalyticsView({ state }: { state: FlowAnalyticsState }) {
  const { t } = useTranslation();
  const [selection, setSelection] = useState<Selection>(NO_SELECTION);
  const overlay = state.overlay.data?.overlay;
  const decorations = useMemo(() => (overlay ? analyticsDecorations(overlay) : {}), [overlay]);
  if (!state.graph) {
    return (
      <div className="editor-center">
        <p role="status">{t('flowAnalytics.loading')}</p>
      </div>
    );
  }
  return (
    <div className="editor-center flow-analytics-canvas" data-testid="analytics-canvas">
      <ReadOnlyFlowCanvas
        graph={state.graph}
        decorations={decorations}
        selection={selection}
        onSelect={setSelection}
      />
    </div>
  );
}
