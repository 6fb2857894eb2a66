/**
 * How the canvas draws at a zoom level. The zoom is read in steps of 0.05 so
 * the canvas restyles a few times during a zoom gesture, not on every frame.
 */

/** "Zoom to fit" stops here: a bigger flow scrolls instead, with titles still at least 12 px on screen. */
export const READABLE_ZOOM = 0.3;
/** "Zoom to fit" stops where card titles are still readable; a bigger flow scrolls. */
export const FIT_VIEW_OPTIONS = { maxZoom: 1, minZoom: READABLE_ZOOM };
/** Below this the card's 13-px title would fall under 11 px on screen: cards show their compact face. */
export const COMPACT_BELOW = 0.85;
/** Below these the card details, then the grid and off-screen culling, change (painting cost). */
const ZOOMED_OUT_BELOW = 0.45;
const FAR_OUT_BELOW = 0.25;
/** The compact title's size on screen, in px, down to READABLE_ZOOM. */
const COMPACT_TITLE_ON_SCREEN = 12;

/** The zoom rounded down to a step of 0.05 (at least 0.05, at most 1). */
export function zoomStep(zoom: number): number {
  return Math.min(1, Math.max(0.05, Math.floor(zoom * 20 + 1e-6) / 20));
}

export interface CanvasZoomStyle {
  /** Classes for the canvas element: '', or any of compact, zoomed-out, far-out. */
  classes: string;
  /** Painting details are dropped (no grid, every card mounted). */
  simplified: boolean;
  /** Flow pixels per screen pixel, for hit areas and buttons that keep their size on screen. */
  inverseZoom: number;
  /** The compact title's font size in flow pixels. */
  compactTitlePx: number;
}

export function canvasZoomStyle(step: number): CanvasZoomStyle {
  const classes = [
    step < COMPACT_BELOW ? 'compact' : '',
    step < FAR_OUT_BELOW ? 'far-out' : step < ZOOMED_OUT_BELOW ? 'zoomed-out' : '',
  ].filter(Boolean);
  return {
    classes: classes.join(' '),
    simplified: step < ZOOMED_OUT_BELOW,
    inverseZoom: 1 / step,
    compactTitlePx: Math.round(COMPACT_TITLE_ON_SCREEN / Math.max(step, READABLE_ZOOM)),
  };
}
