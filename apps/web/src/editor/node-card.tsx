import { getNodeType } from '@flowdesk/model';
import { Handle, type NodeProps, Position } from '@xyflow/react';
import { CircleAlert, Clock, LogOut, Plus, TriangleAlert, Zap } from 'lucide-react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../i18n/i18n.ts';
import { waitDuration } from './analytics/analytics-decorations.ts';
import { useCanvasActions } from './canvas-actions.ts';
import type { CanvasNode, StepAnalytics } from './flow-canvas.ts';
import { iconFor } from './node-icons.ts';
import { useNodeSummary } from './node-summary.ts';
import { portsOf } from './node-type-info.ts';

/** How far right of its step a step connected with a "+" lands. */
const NEXT_STEP_OFFSET = 320;

/**
 * A node on the canvas: type icon, the admin's label, a one-line summary, and one
 * labelled handle per output port with a "+" that connects a step to it. Zoomed
 * out, a compact face (icon and title at a readable size) covers the details.
 */
function NodeCardView({ id, data, selected, positionAbsoluteX, positionAbsoluteY }: NodeProps<CanvasNode>) {
  const { t } = useTranslation();
  const actions = useCanvasActions();
  const locale = useLocale();
  const definition = getNodeType(data.type);
  const Icon = iconFor(definition?.icon);
  const typeLabel = definition?.label[locale] ?? data.type;
  const summary = useNodeSummary(data.type, data.config, locale);
  const ports = portsOf(data.type, data.config);
  const classes = [
    'node-card',
    `category-${definition?.category ?? 'unknown'}`,
    `status-${data.status}`,
    `diff-${data.diff}`,
  ];
  if (selected) classes.push('selected');
  if (data.errors > 0) classes.push('has-errors');

  return (
    <div className={classes.join(' ')} data-testid={`node-${data.type}`}>
      {definition?.category === 'trigger' ? null : (
        <Handle
          type="target"
          position={Position.Left}
          className="target-handle"
          aria-label={t('canvas.input')}
        />
      )}
      <div className="node-card-header">
        <Icon size={16} aria-hidden="true" />
        <span className="node-card-type">{typeLabel}</span>
        {data.errors > 0 ? (
          <span className="badge badge-error" title={t('problems.errorCount', { count: data.errors })}>
            <CircleAlert size={12} aria-hidden="true" />
            {data.errors}
            <span className="visually-hidden">{t('problems.errorCount', { count: data.errors })}</span>
          </span>
        ) : data.warnings > 0 ? (
          <span className="badge badge-warning" title={t('problems.warningCount', { count: data.warnings })}>
            <TriangleAlert size={12} aria-hidden="true" />
            {data.warnings}
            <span className="visually-hidden">{t('problems.warningCount', { count: data.warnings })}</span>
          </span>
        ) : null}
      </div>
      {data.diff === 'none' ? null : <span className="visually-hidden">{t(`diff.mark.${data.diff}`)}</span>}
      <div className="node-card-label">{data.label || typeLabel}</div>
      <div className="node-card-compact" aria-hidden="true">
        <Icon aria-hidden="true" />
        <span>{data.label || typeLabel}</span>
      </div>
      <div className="node-card-summary">{summary ?? t('canvas.needsSetup')}</div>
      {data.analytics ? <StepBadges analytics={data.analytics} /> : null}
      <ul className="node-ports">
        {ports.map((port) => (
          <li key={port.id} className={`port port-${port.id}`}>
            <span>{port.label[locale]}</span>
            <Handle
              type="source"
              id={port.id}
              position={Position.Right}
              className="source-handle"
              aria-label={port.label[locale]}
              data-port={port.id}
            />
            {actions ? (
              <button
                type="button"
                className="port-add nodrag nopan nokey"
                aria-label={t('canvas.connectFrom', { port: port.label[locale] })}
                title={t('canvas.connectFrom', { port: port.label[locale] })}
                data-port-add={port.id}
                onClick={(event) => {
                  const box = event.currentTarget.getBoundingClientRect();
                  actions.openPicker(
                    {
                      kind: 'connect',
                      from: { nodeId: id, port: port.id },
                      position: { x: positionAbsoluteX + NEXT_STEP_OFFSET, y: positionAbsoluteY },
                    },
                    { x: box.right, y: box.top },
                  );
                }}
              >
                <Plus aria-hidden="true" />
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The analytics overlay's figures on a step: failures, incidents, median wait and drop-off, when there are any. */
function StepBadges({ analytics }: { analytics: StepAnalytics }) {
  const { t } = useTranslation();
  const wait = analytics.medianWaitSeconds === null ? null : waitDuration(analytics.medianWaitSeconds);
  const badges: Array<{ key: string; className: string; icon: typeof Clock; text: string }> = [];
  if (analytics.failures > 0) {
    badges.push({
      key: 'failures',
      className: 'badge badge-error',
      icon: CircleAlert,
      text: t('flowAnalytics.badge.failures', { count: analytics.failures }),
    });
  }
  if (analytics.incidents > 0) {
    badges.push({
      key: 'incidents',
      className: 'badge badge-error',
      icon: Zap,
      text: t('flowAnalytics.badge.incidents', { count: analytics.incidents }),
    });
  }
  if (wait) {
    badges.push({
      key: 'wait',
      className: 'badge',
      icon: Clock,
      text: t('flowAnalytics.badge.medianWait', {
        duration: t(`flowAnalytics.duration.${wait.unit}`, { amount: wait.amount }),
      }),
    });
  }
  if (analytics.dropOff !== null && analytics.dropOff > 0) {
    badges.push({
      key: 'dropOff',
      className: 'badge badge-warning',
      icon: LogOut,
      text: t('flowAnalytics.badge.dropOff', { count: analytics.dropOff }),
    });
  }
  return (
    <ul className="step-figures" data-step-figures>
      <li className="step-runs">{t('flowAnalytics.badge.runs', { count: analytics.runs })}</li>
      {badges.map(({ key, className, icon: Icon, text }) => (
        <li key={key} className={className} data-figure={key}>
          <Icon size={12} aria-hidden="true" />
          {text}
        </li>
      ))}
    </ul>
  );
}

export const NodeCard = memo(NodeCardView);
