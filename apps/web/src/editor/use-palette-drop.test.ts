// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { lineAmong } from './use-palette-drop.ts';

/** A card with an output port, and a line, as React Flow draws them. */
function canvas() {
  document.body.innerHTML = `
    <div class="react-flow__node" data-id="who">
      <div class="node-card">
        <span class="title">Identify customer</span>
        <div class="react-flow__handle source-handle"></div>
        <button class="port-add">+</button>
      </div>
    </div>
    <svg><g class="react-flow__edge" data-id="who-next-end">
      <path class="react-flow__edge-interaction"></path><path class="react-flow__edge-path"></path>
    </g></svg>`;
  const find = (selector: string) => {
    const found = document.querySelector(selector);
    if (!found) throw new Error(selector);
    return found;
  };
  return {
    title: find('.title'),
    handle: find('.react-flow__handle'),
    plus: find('.port-add'),
    line: find('.react-flow__edge-path'),
    pane: document.body,
  };
}

describe('the line a palette step is dropped on', () => {
  it('is the line under the point', () => {
    const { line, pane } = canvas();
    expect(lineAmong([line, pane])).toBe('who-next-end');
  });

  it('is the line under a port hit area or its "+": zoomed out they cover a short line between tidied cards', () => {
    const { handle, plus, line, pane } = canvas();
    expect(lineAmong([handle, line, pane])).toBe('who-next-end');
    expect(lineAmong([plus, handle, line, pane])).toBe('who-next-end');
  });

  it('is none where a card itself lies over the line, or where there is no line', () => {
    const { title, line, pane } = canvas();
    expect(lineAmong([title, line, pane])).toBeUndefined();
    expect(lineAmong([pane])).toBeUndefined();
  });
});
