import { createContext, useContext } from 'react';
import type { InsertRequest } from './canvas-insert.ts';

/**
 * What the buttons drawn on cards and lines may ask of the canvas. Node and
 * edge `data` stay plain data, so the callbacks come through this context;
 * a read-only canvas provides none and the buttons are not drawn.
 */
export interface CanvasActions {
  /** Opens the step picker next to `anchor` (a point on screen) to do `request` with the chosen step. */
  openPicker(request: InsertRequest, anchor: { x: number; y: number }): void;
  deleteEdge(edgeId: string): void;
}

export const CanvasActionsContext = createContext<CanvasActions | undefined>(undefined);

/** The line a palette step is being dragged over: dropped there, it goes into that line. */
export const DropEdgeContext = createContext<string | undefined>(undefined);

export function useCanvasActions(): CanvasActions | undefined {
  return useContext(CanvasActionsContext);
}
