import { type FlowGraph, getNodeType } from '@flowdesk/model';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../i18n/i18n.ts';
import type { CanvasActions } from './canvas-actions.ts';
import {
  connectExisting,
  connectNewStep,
  connectTargets,
  type InsertRequest,
  insertableTypes,
  splitEdge,
} from './canvas-insert.ts';
import type { EditorAction } from './editor-store.ts';
import { iconFor } from './node-icons.ts';
import { type PickerOption, StepPicker } from './step-picker.tsx';

const PICKER_SIZE = { width: 300, height: 340 };
const TYPE_PREFIX = 'type:';
const NODE_PREFIX = 'node:';

interface OpenPicker {
  request: InsertRequest;
  left: number;
  top: number;
  /** Where focus goes back to when the picker closes (the "+" that opened it). */
  returnFocus: Element | null;
}

/**
 * The step picker of a canvas: `actions` open it at a point, choosing a step
 * applies the insert or connection as one undoable change and selects what
 * was added.
 */
export function useStepPicker(
  graph: FlowGraph,
  dispatch: (action: EditorAction) => void,
  container: React.RefObject<HTMLElement | null>,
) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [open, setOpen] = useState<OpenPicker>();
  const graphRef = useRef(graph);
  graphRef.current = graph;

  const actions = useMemo<CanvasActions>(
    () => ({
      openPicker(request, anchor) {
        const box = container.current?.getBoundingClientRect();
        if (!box) return;
        const clamp = (value: number, size: number, room: number) =>
          Math.max(8, Math.min(value, room - size - 8));
        setOpen({
          request,
          left: clamp(anchor.x - box.left, PICKER_SIZE.width, box.width),
          top: clamp(anchor.y - box.top, PICKER_SIZE.height, box.height),
          returnFocus: document.activeElement,
        });
      },
      deleteEdge(edgeId) {
        dispatch({ kind: 'change', change: { kind: 'remove', nodeIds: [], edgeIds: [edgeId] } });
      },
    }),
    [dispatch, container],
  );

  const close = useCallback(() => {
    const target = open?.returnFocus;
    setOpen(undefined);
    if (target instanceof HTMLElement && target.isConnected) requestAnimationFrame(() => target.focus());
  }, [open]);

  const options = useMemo<PickerOption[]>(() => {
    if (!open) return [];
    const types = insertableTypes(open.request).map((type): PickerOption => {
      const definition = getNodeType(type);
      return {
        id: `${TYPE_PREFIX}${type}`,
        label: definition?.label[locale] ?? type,
        hint: t(`palette.category.${definition?.category ?? 'action'}`),
        Icon: iconFor(definition?.icon),
        keywords: `${definition?.label['zh-CN'] ?? ''} ${definition?.label.en ?? ''} ${type}`,
      };
    });
    if (open.request.kind !== 'connect') return types;
    const existing = connectTargets(graph, open.request.from).map((node): PickerOption => {
      const definition = getNodeType(node.type);
      const typeLabel = definition?.label[locale] ?? node.type;
      return {
        id: `${NODE_PREFIX}${node.id}`,
        label: node.label || typeLabel,
        hint: t('picker.existingStep'),
        Icon: iconFor(definition?.icon),
        keywords: `${typeLabel} ${node.id}`,
      };
    });
    return [...types, ...existing];
  }, [open, graph, locale, t]);

  const choose = (optionId: string) => {
    if (!open) return;
    const { request } = open;
    const current = graphRef.current;
    close();
    if (optionId.startsWith(NODE_PREFIX)) {
      if (request.kind !== 'connect') return;
      const change = connectExisting(request.from, optionId.slice(NODE_PREFIX.length));
      if (change) dispatch({ kind: 'change', change });
      return;
    }
    const type = optionId.slice(TYPE_PREFIX.length);
    const made =
      request.kind === 'split'
        ? splitEdge(current, request.edgeId, type, request.position)
        : connectNewStep(current, request.from, type, request.position);
    if (!made) return;
    dispatch({ kind: 'change', change: made.change });
    dispatch({ kind: 'select', selection: { nodes: [made.nodeId], edges: [] } });
  };

  const title = !open
    ? ''
    : open.request.kind === 'split'
      ? t('picker.insertTitle')
      : t('picker.connectTitle');
  const picker = open ? (
    <StepPicker
      title={title}
      options={options}
      left={open.left}
      top={open.top}
      onChoose={choose}
      onClose={close}
    />
  ) : null;
  return { actions, picker };
}
