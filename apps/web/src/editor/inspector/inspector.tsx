import { type FlowGraph, getNodeType } from '@flowdesk/model';
import { Copy, Trash2 } from 'lucide-react';
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../i18n/i18n.ts';
import type { EditorAction } from '../editor-store.ts';
import { iconFor } from '../node-icons.ts';
import { ThresholdWhatIf } from '../what-if/threshold-what-if.tsx';
import { NodeConfigForm } from './node-config-form.tsx';
import { ReferenceSourcesProvider } from './workspace-references-context.tsx';

/** A field to focus after a problem was clicked; `seq` makes a second click on the same problem refocus. */
export interface FocusRequest {
  nodeId: string;
  field?: string;
  seq: number;
}

/** `config.cases[1].value` → itself, `config.cases[1]`, `config.cases`, `config`: the nearest control that exists. */
function focusTargets(field: string): string[] {
  const targets = [field];
  let current = field;
  while (/[.[]/.test(current)) {
    current = current.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
    targets.push(current);
  }
  return targets;
}

export function focusField(container: HTMLElement | null, field: string): void {
  if (!container) return;
  for (const target of focusTargets(field)) {
    const element = container.querySelector<HTMLElement>(`[data-field="${CSS.escape(target)}"]`);
    if (!element) continue;
    const focusable = element.matches('input,select,textarea,button')
      ? element
      : element.querySelector<HTMLElement>('input,select,textarea,button');
    (focusable ?? element).focus();
    element.scrollIntoView?.({ block: 'nearest' });
    return;
  }
}

export function Inspector(props: {
  graph: FlowGraph;
  nodeIds: readonly string[];
  dispatch: (action: EditorAction) => void;
  onDuplicate: () => void;
  onDelete: () => void;
  focus?: FocusRequest | undefined;
  readOnly?: boolean;
  /** The flow being edited: a Classify step then offers its threshold what-if. */
  flowId?: string | undefined;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labelId = useId();
  const container = useRef<HTMLDivElement>(null);
  const node =
    props.nodeIds.length === 1
      ? props.graph.nodes.find((candidate) => candidate.id === props.nodeIds[0])
      : undefined;
  const { focus } = props;

  useEffect(() => {
    if (focus && node && focus.nodeId === node.id) {
      // Wait a frame so the form of a newly selected node is on screen.
      requestAnimationFrame(() => focusField(container.current, focus.field ?? 'config'));
    }
  }, [focus, node]);

  if (props.nodeIds.length > 1) {
    return (
      <div className="inspector">
        <p>{t('inspector.multiple', { count: props.nodeIds.length })}</p>
        <div className="button-row">
          <button type="button" onClick={props.onDuplicate} disabled={props.readOnly}>
            <Copy size={16} aria-hidden="true" />
            {t('shortcuts.duplicate')}
          </button>
          <button type="button" onClick={props.onDelete} disabled={props.readOnly}>
            <Trash2 size={16} aria-hidden="true" />
            {t('shortcuts.delete')}
          </button>
        </div>
      </div>
    );
  }
  if (!node) return <p className="inspector muted">{t('inspector.nothingSelected')}</p>;

  const definition = getNodeType(node.type);
  const Icon = iconFor(definition?.icon);
  const setConfig = (config: Record<string, unknown>) =>
    props.dispatch({ kind: 'change', change: { kind: 'set_config', nodeId: node.id, config } });

  return (
    <div className="inspector" ref={container}>
      <header className="inspector-header">
        <Icon size={18} aria-hidden="true" />
        <h2>{definition?.label[locale] ?? node.type}</h2>
      </header>
      {definition ? <p className="help">{definition.description[locale]}</p> : null}
      <fieldset disabled={props.readOnly} className="inspector-form">
        <div className="form-group">
          <label htmlFor={labelId}>{t('inspector.nodeLabel')}</label>
          <input
            id={labelId}
            value={node.label ?? ''}
            maxLength={200}
            data-field="label"
            placeholder={definition?.label[locale]}
            onChange={(event) =>
              props.dispatch({
                kind: 'change',
                change: { kind: 'set_label', nodeId: node.id, label: event.target.value },
              })
            }
          />
        </div>
        <ReferenceSourcesProvider graph={props.graph} nodeId={node.id}>
          <NodeConfigForm
            type={node.type}
            config={node.config}
            onChange={setConfig}
            graph={props.graph}
            nodeId={node.id}
          />
        </ReferenceSourcesProvider>
        {node.type === 'logic.classify' && props.flowId ? (
          <ThresholdWhatIf
            key={node.id}
            flowId={props.flowId}
            nodeId={node.id}
            threshold={typeof node.config.threshold === 'number' ? node.config.threshold : 0.7}
            onUse={(threshold) => setConfig({ ...node.config, threshold })}
            readOnly={props.readOnly}
          />
        ) : null}
        <div className="button-row">
          <button type="button" onClick={props.onDuplicate}>
            <Copy size={16} aria-hidden="true" />
            {t('shortcuts.duplicate')}
          </button>
          <button type="button" className="danger" onClick={props.onDelete}>
            <Trash2 size={16} aria-hidden="true" />
            {t('shortcuts.delete')}
          </button>
        </div>
      </fieldset>
      <p className="muted small">
        {t('inspector.nodeId')}: <code>{node.id}</code>
      </p>
    </div>
  );
}
