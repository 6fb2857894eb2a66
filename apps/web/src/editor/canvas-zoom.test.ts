import { describe, expect, it } from 'vitest';
import { canvasZoomStyle, READABLE_ZOOM, zoomStep } from './canvas-zoom.ts';

describe('canvas zoom levels', () => {
  it('reads the zoom in steps, rounding down so text is never smaller than planned', () => {
    expect(zoomStep(0.849)).toBe(0.8);
    expect(zoomStep(0.45)).toBe(0.45);
    expect(zoomStep(1.7)).toBe(1);
    expect(zoomStep(0.01)).toBe(0.05);
  });

  it('shows full cards near 100 % and compact cards once the card title would fall under 11 px', () => {
    expect(canvasZoomStyle(1).classes).toBe('');
    expect(canvasZoomStyle(0.85).classes).toBe('');
    expect(canvasZoomStyle(0.8).classes).toBe('compact');
    expect(canvasZoomStyle(0.4)).toMatchObject({ classes: 'compact zoomed-out', simplified: true });
    expect(canvasZoomStyle(0.2).classes).toBe('compact far-out');
  });

  it('keeps the compact title at 12 px on screen down to the zoom "zoom to fit" stops at', () => {
    for (const step of [0.8, 0.5, READABLE_ZOOM]) {
      expect(canvasZoomStyle(step).compactTitlePx * step).toBeGreaterThanOrEqual(11.5);
    }
    expect(canvasZoomStyle(0.1).compactTitlePx).toBe(canvasZoomStyle(READABLE_ZOOM).compactTitlePx);
  });
});
