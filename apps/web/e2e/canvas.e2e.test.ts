import { type FlowEdge, type FlowNode, getNodeType } from '@flowdesk/model';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  accountButton,
  browserAvailable,
  type E2eEnvironment,
  screenshot,
  startE2eEnvironment,
} from './e2e-kit.ts';

/**
 * The canvas as a person works on it: steps put into lines and wired with the
 * mouse alone, then with the keyboard alone, and the editor at 1024 px and on
 * a phone with a flow of 60 steps zoomed to fit.
 */

const run = browserAvailable();
let env: E2eEnvironment | undefined;

beforeAll(async () => {
  if (!run) return;
  env = await startE2eEnvironment();
  await signIn(env.page, env.server.url);
}, 180_000);
afterAll(async () => {
  await env?.close();
});

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const edge = (page: Page, id: string) => page.locator(`.react-flow__edge[data-id="${id}"]`);
const edgeIds = (page: Page) =>
  page.locator('.react-flow__edge').evaluateAll((edges) => edges.map((each) => each.getAttribute('data-id')));

async function signIn(page: Page, baseUrl: string) {
  await page.goto(`${baseUrl}/flows`);
  await page.getByLabel('Language').or(page.getByLabel('语言')).selectOption('en');
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // An admin's home is the dashboard; the tests open the flows from the top bar.
  await page.getByRole('heading', { name: 'Dashboard', exact: true }).waitFor();
}

const flowsLink = (page: Page) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Flows', exact: true });

async function newFlow(page: Page, name: string) {
  await flowsLink(page).click();
  await page.getByLabel('New flow name').fill(name);
  await page.getByRole('button', { name: 'Create flow' }).click();
  await node(page, 'trigger').waitFor();
}

async function centre(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('not on screen');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** The middle of a line on screen: the centre of its drawn path's box lies on a symmetric curve. */
const lineMiddle = (page: Page, id: string) => centre(edge(page, id).locator('.react-flow__edge-path'));

async function dragPaletteStepTo(page: Page, label: string, at: { x: number; y: number }) {
  const pane = await page.locator('.react-flow__pane').boundingBox();
  if (!pane) throw new Error('no canvas');
  const item = page.locator('.palette').getByRole('button', { name: label, exact: true });
  await item.dragTo(page.locator('.react-flow__pane'), {
    targetPosition: { x: at.x - pane.x, y: at.y - pane.y },
  });
}

async function dragMouse(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await page.mouse.up();
}

async function expectWithinViewport(page: Page, locator: Locator) {
  const box = await locator.boundingBox();
  const viewport = page.viewportSize();
  if (!box || !viewport) throw new Error('not on screen');
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
}

/** A request trigger and 20 rounds of "condition → reply, else the next condition": 60 steps. */
function sixtyStepFlow() {
  const config = (type: string) =>
    structuredClone(getNodeType(type)?.example ?? {}) as Record<string, unknown>;
  const nodes: FlowNode[] = [
    {
      id: 'start',
      type: 'trigger.request_received',
      config: config('trigger.request_received'),
      position: { x: 0, y: 0 },
    },
  ];
  const edges: FlowEdge[] = [];
  let previous = { id: 'start', port: 'next' };
  for (let round = 1; round <= 20; round++) {
    const check = `check_${round}`;
    const reply = `reply_${round}`;
    const done = `done_${round}`;
    nodes.push(
      {
        id: check,
        type: 'logic.condition',
        label: `VIP level ${round}?`,
        config: config('logic.condition'),
        position: { x: 0, y: 0 },
      },
      {
        id: reply,
        type: 'action.send_message',
        label: `回复客户 ${round}`,
        config: config('action.send_message'),
        position: { x: 0, y: 0 },
      },
    );
    if (round < 20) nodes.push({ id: done, type: 'action.end', config: {}, position: { x: 0, y: 0 } });
    edges.push({
      id: `${previous.id}-to-${check}`,
      source: previous.id,
      sourcePort: previous.port,
      target: check,
    });
    edges.push({ id: `${check}-yes`, source: check, sourcePort: 'true', target: reply });
    if (round < 20) edges.push({ id: `${reply}-done`, source: reply, sourcePort: 'next', target: done });
    previous = { id: check, port: 'false' };
  }
  return { format: 'flowdesk.flow/v1', name: 'Sixty steps', nodes, edges };
}

/** The zoom of the canvas and the font size, on screen, of a compact card title. */
async function compactTitleOnScreen(page: Page, id: string): Promise<number> {
  return node(page, id)
    .locator('.node-card-compact span')
    .evaluate((title) => {
      const viewport = title.closest('.react-flow__viewport') as HTMLElement;
      const zoom = new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a;
      return Number.parseFloat(getComputedStyle(title).fontSize) * zoom;
    });
}

/** The toolbar's "Zoom to fit" (the canvas's own controls have one too). */
const zoomToFit = (page: Page) =>
  page.getByRole('toolbar', { name: 'Flow editor' }).getByRole('button', { name: 'Zoom to fit' }).click();

/** The ids of the cards wholly inside the canvas's visible area. */
function nodesInView(page: Page): Promise<string[]> {
  return page.locator('.react-flow__pane').evaluate((pane) => {
    const area = pane.getBoundingClientRect();
    return [...document.querySelectorAll('.react-flow__node')]
      .filter((card) => {
        const box = card.getBoundingClientRect();
        return (
          box.left >= area.left && box.right <= area.right && box.top >= area.top && box.bottom <= area.bottom
        );
      })
      .map((card) => card.getAttribute('data-id') ?? '');
  });
}

async function firstNodeInView(page: Page): Promise<string> {
  const [id] = await nodesInView(page);
  if (!id) throw new Error('no card in view');
  return id;
}

describe('working on the canvas', () => {
  it('with the mouse only: a step dropped on a line goes into it, a line dragged into space opens the palette, a clicked line is deleted', async () => {
    if (!env) return;
    const { page } = env;
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await newFlow(page, 'Mouse only');

    // Trigger → End, by dragging End in and wiring it.
    const pane = await page.locator('.react-flow__pane').boundingBox();
    if (!pane) throw new Error('no canvas');
    await dragPaletteStepTo(page, 'End', { x: pane.x + pane.width - 200, y: pane.y + 140 });
    await node(page, 'end_1').waitFor();
    await dragMouse(
      page,
      await centre(node(page, 'trigger').locator('.source-handle[data-handleid="next"]')),
      await centre(node(page, 'end_1').locator('.target-handle')),
    );
    await expect.poll(() => edgeIds(page)).toEqual(['trigger-next-end_1']);

    // A Condition dropped on that line goes into it: trigger → condition (input), condition (Yes) → End.
    await dragPaletteStepTo(page, 'Condition', await lineMiddle(page, 'trigger-next-end_1'));
    await node(page, 'condition_1').waitFor();
    await expect
      .poll(async () => (await edgeIds(page)).sort())
      .toEqual(['condition_1-true-end_1', 'trigger-next-condition_1']);
    await screenshot(page, '08-step-dropped-on-line');
    const tidyUp = page.getByRole('button', { name: 'Tidy up (auto-layout)' });
    await tidyUp.click();
    await page.waitForTimeout(400);

    // A line dragged from the condition's No into empty space opens the palette there; End is connected.
    const no = await centre(node(page, 'condition_1').locator('.source-handle[data-handleid="false"]'));
    // Down and to the left: the overview map sits bottom right.
    const empty = { x: no.x - 100, y: Math.min(no.y + 150, pane.y + pane.height - 60) };
    await dragMouse(page, no, empty);
    const picker = page.getByRole('dialog', { name: 'Connect to a step' });
    await picker.waitFor();
    await screenshot(page, '09-palette-at-line-end');
    await picker.locator('[role=option][data-option="type:action.end"]').click();
    await node(page, 'end_2').waitFor();
    await expect
      .poll(async () => (await edgeIds(page)).sort())
      .toEqual(['condition_1-false-end_2', 'condition_1-true-end_1', 'trigger-next-condition_1']);
    const placed = await node(page, 'end_2').boundingBox();
    expect(Math.abs((placed?.x ?? 0) - empty.x)).toBeLessThan(20);

    // Clicking a line selects it; its delete button removes it.
    const line = await lineMiddle(page, 'condition_1-false-end_2');
    await page.mouse.click(line.x, line.y);
    await expect
      .poll(() => edge(page, 'condition_1-false-end_2').getAttribute('class'))
      .toContain('selected');
    await screenshot(page, '10-line-selected');
    await page.getByRole('button', { name: 'Delete this line' }).click();
    await expect
      .poll(async () => (await edgeIds(page)).sort())
      .toEqual(['condition_1-true-end_1', 'trigger-next-condition_1']);

    // The "+" at a line's middle puts a chosen step into it.
    const middle = await lineMiddle(page, 'condition_1-true-end_1');
    await page.mouse.move(middle.x, middle.y);
    await page.getByRole('button', { name: 'Add a step in this line' }).click();
    await page
      .getByRole('dialog', { name: 'Add a step in the line' })
      .locator('[role=option][data-option="type:timing.wait"]')
      .click();
    await node(page, 'wait_1').waitFor();
    await expect
      .poll(async () => (await edgeIds(page)).sort())
      .toEqual(['condition_1-true-wait_1', 'trigger-next-condition_1', 'wait_1-next-end_1']);
    expect(problems).toEqual([]);
  }, 120_000);

  it('with the keyboard only: an output is connected to a step chosen from a list', async () => {
    if (!env) return;
    const { page } = env;
    await newFlow(page, 'Keyboard only');

    // Add an End step from the palette with Enter.
    await page.locator('.palette').getByRole('button', { name: 'End', exact: true }).focus();
    await page.keyboard.press('Enter');
    await node(page, 'end_1').waitFor();

    // Tab to the trigger's "Connect “Next” to a step…" button.
    const connectNext = node(page, 'trigger').getByRole('button', { name: /^Connect “.+” to a step…$/ });
    for (let press = 0; press < 120; press++) {
      if (await connectNext.evaluate((button) => button === document.activeElement)) break;
      await page.keyboard.press('Tab');
    }
    expect(await connectNext.evaluate((button) => button === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');

    // The list opens with its search focused; type, arrow to the existing End step, Enter.
    const picker = page.getByRole('dialog', { name: 'Connect to a step' });
    const search = picker.getByRole('combobox', { name: 'Search steps' });
    await expect.poll(() => search.evaluate((input) => input === document.activeElement)).toBe(true);
    await page.keyboard.type('end');
    const activeOption = () =>
      search.evaluate((input) => {
        const id = input.getAttribute('aria-activedescendant');
        return id ? document.getElementById(id)?.getAttribute('data-option') : undefined;
      });
    for (let press = 0; press < 10 && (await activeOption()) !== 'node:end_1'; press++) {
      await page.keyboard.press('ArrowDown');
    }
    expect(await activeOption()).toBe('node:end_1');
    await screenshot(page, '11-connect-from-list');
    await page.keyboard.press('Enter');
    await expect.poll(() => edgeIds(page)).toEqual(['trigger-next-end_1']);
    await expect.poll(() => picker.count()).toBe(0);
    // Focus is back on the button that opened the list.
    await expect.poll(() => connectNext.evaluate((button) => button === document.activeElement)).toBe(true);

    // Tab on to the new line, select it with Enter and delete it with Delete.
    const line = edge(page, 'trigger-next-end_1');
    for (let press = 0; press < 120; press++) {
      if (await line.evaluate((element) => element === document.activeElement)) break;
      await page.keyboard.press('Tab');
    }
    expect(await line.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => line.getAttribute('class')).toContain('selected');
    await page.keyboard.press('Delete');
    await expect.poll(() => edgeIds(page)).toEqual([]);
  }, 120_000);

  it('at 1024 px the publish button, inspector and sign-out are on screen; 60 steps zoomed to fit keep readable titles', async () => {
    if (!env) return;
    const { page } = env;
    await page.setViewportSize({ width: 1024, height: 768 });
    await flowsLink(page).click();
    await page.locator('input[type=file]').setInputFiles({
      name: 'sixty.flow.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(sixtyStepFlow())),
    });
    await page.getByRole('heading', { name: 'Sixty steps' }).waitFor();
    await expect.poll(() => page.locator('.react-flow__node').count()).toBeGreaterThan(10);
    await page.getByRole('button', { name: 'Tidy up (auto-layout)' }).click();
    await page.waitForTimeout(400);

    await expectWithinViewport(page, page.getByRole('button', { name: 'Publish', exact: true }));
    await expectWithinViewport(page, accountButton(page));
    await expectWithinViewport(page, page.getByRole('tab', { name: 'Properties' }));

    // Zoomed to fit, 60 steps do not all fit at a readable size: the canvas stops at it and scrolls.
    await zoomToFit(page);
    await page.waitForTimeout(400);
    const shown = await firstNodeInView(page);
    expect(await compactTitleOnScreen(page, shown)).toBeGreaterThanOrEqual(11);
    await expect.poll(() => node(page, shown).locator('.node-card-compact').isVisible()).toBe(true);
    await node(page, shown).click();
    await expectWithinViewport(page, page.getByLabel('Name on the canvas'));

    // Zoomed out, ports show on hover and wiring still works.
    const inView = await nodesInView(page);
    const source = inView.find((id) => id.startsWith('reply_'));
    const target = inView.find((id) => id.startsWith('done_') && id.slice(5) !== source?.slice(6));
    if (!source || !target) throw new Error(`no reply and end step in view: ${inView.join(', ')}`);
    const errorPort = node(page, source).locator('.source-handle[data-handleid="error"]');
    await node(page, source).hover();
    await expect.poll(() => errorPort.isVisible()).toBe(true);
    await dragMouse(
      page,
      await centre(errorPort),
      await centre(node(page, target).locator('.target-handle')),
    );
    await expect.poll(async () => (await edgeIds(page)).includes(`${source}-error-${target}`)).toBe(true);
    await screenshot(page, '12-sixty-steps-1024');

    // The panels fold away and stay folded after a reload.
    await page.getByRole('button', { name: 'Hide the steps panel' }).click();
    await page.getByRole('button', { name: 'Hide the details panel' }).click();
    await page.reload();
    await page.getByRole('button', { name: 'Show the steps panel' }).waitFor();
    expect(
      await page.getByRole('button', { name: 'Show the details panel' }).getAttribute('aria-expanded'),
    ).toBe('false');
    await zoomToFit(page);
    await page.waitForTimeout(400);
    await screenshot(page, '13-sixty-steps-1024-panels-folded');

    // On a phone the canvas has the width; a panel opens over it.
    await page.setViewportSize({ width: 390, height: 844 });
    await zoomToFit(page);
    await page.waitForTimeout(400);
    await screenshot(page, '14-sixty-steps-390');
    await expectWithinViewport(page, page.getByRole('button', { name: 'Publish', exact: true }));
    await expectWithinViewport(page, accountButton(page));
    await page.getByRole('button', { name: 'Show the details panel' }).click();
    await expectWithinViewport(page, page.getByRole('tab', { name: 'Properties' }));
    await screenshot(page, '15-details-panel-390');
    await page.getByRole('button', { name: 'Hide the details panel' }).click();
    await page.setViewportSize({ width: 1280, height: 800 });
  }, 120_000);
});
