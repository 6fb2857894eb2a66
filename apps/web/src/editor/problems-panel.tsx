import { type FlowGraph, getNodeType, type Problem } from '@flowdesk/model';
import { CircleAlert, TriangleAlert } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../i18n/i18n.ts';

/** Everything lint found, in the chosen language; a click selects the node and focuses the field. */
export function ProblemsPanel(props: {
  problems: readonly Problem[];
  graph: FlowGraph;
  onOpen: (problem: Problem) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (props.problems.length === 0) {
    return (
      <p className="problems-empty" role="status">
        {t('problems.none')}
      </p>
    );
  }
  const nodeName = (nodeId: string | undefined) => {
    const node = props.graph.nodes.find((candidate) => candidate.id === nodeId);
    if (!node) return undefined;
    return node.label || getNodeType(node.type)?.label[locale] || node.type;
  };
  return (
    <ul className="problems-list" aria-label={t('problems.title')}>
      {props.problems.map((problem, index) => {
        const name = nodeName(problem.nodeId);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: problems are recomputed as a whole; order is stable
          <li key={index}>
            <button
              type="button"
              className={`problem problem-${problem.severity}`}
              onClick={() => props.onOpen(problem)}
            >
              {problem.severity === 'error' ? (
                <CircleAlert size={16} aria-label={t('problems.error')} />
              ) : (
                <TriangleAlert size={16} aria-label={t('problems.warning')} />
              )}
              <span>
                {name ? <strong>{name}: </strong> : null}
                {problem.message[locale]}
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
