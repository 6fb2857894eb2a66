import { type FlowGraph, getNodeType } from '@flowdesk/model';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { apiErrorMessage } from '../api/api-error.ts';
import { useTRPC } from '../api/trpc.ts';
import type { Selection } from '../editor/editor-store.ts';
import { ReadOnlyFlowCanvas } from '../editor/read-only-flow-canvas.tsx';
import { useLocale } from '../i18n/i18n.ts';
import { diffGraph, formatValue } from './diff-graph.ts';

type VersionRef = number | 'draft';

function readRef(value: string | undefined): VersionRef {
  const number = Number.parseInt(value ?? '', 10);
  return number > 0 ? number : 'draft';
}

/** Hooks for one side of the diff: a published version's graph, or the draft. */
function useGraph(flowId: string, ref: VersionRef) {
  const trpc = useTRPC();
  const version = useQuery(
    trpc.versions.get.queryOptions(
      { flowId, version: ref === 'draft' ? 1 : ref },
      { enabled: ref !== 'draft' },
    ),
  );
  const flow = useQuery(trpc.flows.get.queryOptions({ id: flowId }, { enabled: ref === 'draft' }));
  const graph: FlowGraph | undefined = ref === 'draft' ? flow.data?.draft : version.data?.graph;
  return { graph, error: ref === 'draft' ? flow.error : version.error };
}

/** Two versions of a flow on one canvas: added green, removed red, changed highlighted, config changes listed. */
export default function VersionDiffPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const params = useParams();
  const flowId = params.flowId ?? '';
  const from = readRef(params.from);
  const to = readRef(params.to);
  const diff = useQuery(trpc.versions.diff.queryOptions({ flowId, from, to }));
  const fromGraph = useGraph(flowId, from);
  const toGraph = useGraph(flowId, to);
  const [selection, setSelection] = useState<Selection>({ nodes: [], edges: [] });
  const merged = useMemo(
    () =>
      diff.data && fromGraph.graph && toGraph.graph
        ? diffGraph(fromGraph.graph, toGraph.graph, diff.data)
        : undefined,
    [diff.data, fromGraph.graph, toGraph.graph],
  );
  const decorations = useMemo(
    () => (merged ? { diff: merged.nodes, edgeDiff: merged.edges } : undefined),
    [merged],
  );

  const error = diff.error ?? fromGraph.error ?? toGraph.error;
  if (error) {
    return (
      <p role="alert" className="error-text">
        {apiErrorMessage(error, locale, t('common.failed'))}
      </p>
    );
  }
  if (!diff.data || !merged || !decorations) return <p role="status">{t('common.loading')}</p>;
  const label = (ref: VersionRef) => (ref === 'draft' ? t('diff.draft') : `v${ref}`);
  const nodeName = (nodeId: string) => {
    const node = merged.graph.nodes.find((candidate) => candidate.id === nodeId);
    return node?.label || (node ? getNodeType(node.type)?.label[locale] : undefined) || nodeId;
  };
  const changed = diff.data.nodes.changed.filter(
    (change) => change.type || change.label || change.config.length > 0,
  );

  return (
    <div className="trace-page">
      <div className="editor-toolbar">
        <Link to={`/flows/${encodeURIComponent(flowId)}`} className="muted">
          {t('diff.backToFlow')}
        </Link>
        <h1 className="flow-name">{t('diff.title', { from: label(from), to: label(to) })}</h1>
        <span className="badge diff-badge-added">{t('diff.mark.added')}</span>
        <span className="badge diff-badge-removed">{t('diff.mark.removed')}</span>
        <span className="badge diff-badge-changed">{t('diff.mark.changed')}</span>
      </div>
      <div className="trace-body">
        <div className="editor-center">
          <ReadOnlyFlowCanvas
            graph={merged.graph}
            decorations={decorations}
            selection={selection}
            onSelect={setSelection}
          />
        </div>
        <aside className="side-panel step-log" aria-label={t('diff.changes')}>
          <h2>{t('diff.changes')}</h2>
          {diff.data.identical ? <p>{t('diff.identical')}</p> : null}
          <ul className="diff-list">
            {diff.data.nodes.added.map((node) => (
              <li key={`added-${node.id}`} className="diff-item-added">
                {t('diff.addedNode', { name: nodeName(node.id) })}
              </li>
            ))}
            {diff.data.nodes.removed.map((node) => (
              <li key={`removed-${node.id}`} className="diff-item-removed">
                {t('diff.removedNode', { name: nodeName(node.id) })}
              </li>
            ))}
            {changed.map((change) => (
              <li key={`changed-${change.nodeId}`} className="diff-item-changed">
                {t('diff.changedNode', { name: nodeName(change.nodeId) })}
                <ul className="diff-values">
                  {change.config.map((value) => (
                    <li key={value.path}>
                      <code>{value.path}</code>: {formatValue(value.before)} → {formatValue(value.after)}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
            {diff.data.edges.added.length + diff.data.edges.removed.length > 0 ? (
              <li>
                {t('diff.connections', {
                  added: diff.data.edges.added.length,
                  removed: diff.data.edges.removed.length,
                })}
              </li>
            ) : null}
          </ul>
        </aside>
      </div>
    </div>
  );
}
