import { BaseEdge, EdgeLabelRenderer, type EdgeProps, getBezierPath, useStore } from '@xyflow/react';
import { Plus, X } from 'lucide-react';
import { memo, useContext, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../i18n/i18n.ts';
import { formatShare } from './analytics/analytics-decorations.ts';
import { DropEdgeContext, useCanvasActions } from './canvas-actions.ts';
import { zoomStep } from './canvas-zoom.ts';
import type { CanvasEdge } from './flow-canvas.ts';

/** The invisible stroke around a line that takes clicks, in screen pixels at any zoom. */
const HIT_WIDTH_ON_SCREEN = 24;
/** How long the line's buttons stay after the pointer leaves it, so it can reach them. */
const TOOLS_LINGER_MS = 400;

/**
 * A line on the canvas: a wide invisible stroke makes it easy to click, and
 * hovered or selected it shows "+" (put a step into it) and "×" (delete it)
 * just above its middle.
 */
function FlowEdgeView(props: EdgeProps<CanvasEdge>) {
  const { t } = useTranslation();
  const actions = useCanvasActions();
  const dropTarget = useContext(DropEdgeContext) === props.id;
  const zoom = useStore((state) => zoomStep(state.transform[2]));
  const [hovered, setHovered] = useState(false);
  const linger = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(linger.current), []);
  const [path, labelX, labelY] = getBezierPath(props);

  const enter = () => {
    clearTimeout(linger.current);
    setHovered(true);
  };
  const leave = () => {
    clearTimeout(linger.current);
    linger.current = setTimeout(() => setHovered(false), TOOLS_LINGER_MS);
  };
  const showTools = actions !== undefined && (hovered || props.selected === true);
  const analytics = props.data?.analytics;
  const style = analytics ? { ...props.style, strokeWidth: analytics.width } : props.style;

  return (
    <>
      <g
        onPointerEnter={enter}
        onPointerLeave={leave}
        className={dropTarget ? 'edge-drop-target' : undefined}
      >
        <BaseEdge
          id={props.id}
          path={path}
          markerEnd={props.markerEnd}
          style={style}
          interactionWidth={HIT_WIDTH_ON_SCREEN / zoom}
        />
      </g>
      {analytics ? <EdgeFigures id={props.id} x={labelX} y={labelY} zoom={zoom} {...analytics} /> : null}
      {showTools ? (
        <EdgeLabelRenderer>
          <div
            className="edge-tools nodrag nopan"
            data-edge-tools={props.id}
            style={{
              // Above the line, not on it: a click on the line's middle still selects the line.
              transform: `translate(${labelX}px, ${labelY}px) scale(${1 / zoom}) translate(-50%, calc(-100% - 8px))`,
              transformOrigin: '0 0',
            }}
            onPointerEnter={enter}
            onPointerLeave={leave}
          >
            <button
              type="button"
              className="icon-button"
              aria-label={t('canvas.insertInLine')}
              title={t('canvas.insertInLine')}
              onClick={(event) => {
                const box = event.currentTarget.getBoundingClientRect();
                actions.openPicker(
                  { kind: 'split', edgeId: props.id, position: { x: labelX - 120, y: labelY - 40 } },
                  { x: box.right, y: box.bottom },
                );
              }}
            >
              <Plus size={14} aria-hidden="true" />
            </button>
            {props.selected ? (
              <button
                type="button"
                className="icon-button danger"
                aria-label={t('canvas.deleteLine')}
                title={t('canvas.deleteLine')}
                onClick={() => actions.deleteEdge(props.id)}
              >
                <X size={14} aria-hidden="true" />
              </button>
            ) : null}
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
}

/** The analytics overlay's label on a line: how many executions took it and, at a branch, its share. */
function EdgeFigures(props: {
  id: string;
  x: number;
  y: number;
  zoom: number;
  count: number;
  share: number | null;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const share = props.share === null ? null : formatShare(props.share, locale);
  const title =
    share === null
      ? t('flowAnalytics.edgeTitle', { count: props.count })
      : t('flowAnalytics.edgeTitleShare', { count: props.count, share });
  return (
    <EdgeLabelRenderer>
      <div
        className="edge-figures"
        data-edge-figures={props.id}
        title={title}
        style={{
          transform: `translate(${props.x}px, ${props.y}px) scale(${1 / props.zoom}) translate(-50%, -50%)`,
          transformOrigin: '0 0',
        }}
      >
        <span aria-hidden="true">
          {props.count}
          {share === null ? null : ` · ${share}`}
        </span>
        <span className="visually-hidden">{title}</span>
      </div>
    </EdgeLabelRenderer>
  );
}

export const FlowEdge = memo(FlowEdgeView);
