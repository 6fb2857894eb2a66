import type { FlowEdge, FlowNode } from '@flowdesk/model';
import { ADMIN, browserAvailable, startE2eEnvironment } from '../e2e/e2e-kit.ts';

/**
 * `npx tsx apps/web/scripts/canvas-benchmark.ts`: opens a 300-node flow in
 * headless Chromium and reports how long until every card is on screen, then
 * pans and zooms for two seconds while counting animation frames: with the
 * whole flow in view, then at reading size (zoom 1). A
 * benchmark, not a test: record its figures in BENCHMARKS.md.
 */

const NODE_COUNT = 300;
const TYPES = [
  'logic.condition',
  'action.send_message',
  'timing.wait',
  'action.create_ticket',
  'logic.switch',
];

function bigFlow(examples: Map<string, unknown>) {
  const nodes: FlowNode[] = [
    {
      id: 'trigger',
      type: 'trigger.request_received',
      config: { channels: [], categories: [], keywords: [] },
      position: { x: 0, y: 0 },
    },
  ];
  const edges: FlowEdge[] = [];
  for (let index = 1; index < NODE_COUNT; index++) {
    const type = TYPES[index % TYPES.length] ?? 'action.end';
    nodes.push({
      id: `n${index}`,
      type,
      config: structuredClone(examples.get(type)) as Record<string, unknown>,
      position: { x: (index % 20) * 300, y: Math.floor(index / 20) * 220 },
    });
    const source = index === 1 ? 'trigger' : `n${index - 1}`;
    const port = index === 1 ? 'next' : nodes[index - 1]?.type === 'logic.condition' ? 'true' : 'next';
    edges.push({ id: `e${index}`, source, sourcePort: port, target: `n${index}` });
  }
  return { nodes, edges };
}

async function main() {
  if (!browserAvailable()) return;
  const { NODE_TYPES } = await import('@flowdesk/model');
  const examples = new Map(NODE_TYPES.map((definition) => [definition.type, definition.example as unknown]));
  const env = await startE2eEnvironment();
  const { page, server } = env;
  try {
    await page.goto(`${server.url}/login`);
    await page.locator('#login-email').fill(ADMIN.email);
    await page.locator('#login-password').fill(ADMIN.password);
    await page.locator('button[type=submit]').click();
    await page.waitForURL(/\/flows$/);
    const cookie = (await page.context().cookies()).map((entry) => `${entry.name}=${entry.value}`).join('; ');
    const created = await fetch(`${server.url}/trpc/flows.create`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Benchmark 300', graph: bigFlow(examples) }),
    });
    if (!created.ok) throw new Error(`creating the benchmark flow failed: ${created.status}`);
    const trigger = { nodes: bigFlow(examples).nodes.slice(0, 1), edges: [] };
    const control = await fetch(`${server.url}/trpc/flows.create`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Benchmark control', graph: trigger }),
    });
    if (!control.ok) throw new Error(`creating the control flow failed: ${control.status}`);

    const runs: number[] = [];
    for (let run = 0; run < 3; run++) {
      await page.goto(`${server.url}/flows`);
      await page.getByRole('link', { name: 'Benchmark 300' }).waitFor();
      const started = Date.now();
      await page.getByRole('link', { name: 'Benchmark 300' }).click();
      await page.waitForFunction(
        (count) => document.querySelectorAll('.react-flow__node .node-card').length >= count,
        NODE_COUNT,
        {
          polling: 'raf',
          timeout: 30_000,
        },
      );
      runs.push(Date.now() - started);
    }
    console.log(
      `open ${NODE_COUNT}-node flow (click → all cards rendered): ${runs.map((ms) => `${ms} ms`).join(', ')}`,
    );

    const pane = page.locator('.react-flow__pane');
    const box = await pane.boundingBox();
    if (!box) throw new Error('no canvas');
    const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    // A string, not a function: tsx adds helpers to functions that do not exist inside the page.
    await page.evaluate(`
      window.benchmarkFrames = [];
      const tick = (time) => {
        window.benchmarkFrames.push(time);
        if (window.benchmarkFrames.length < 100000) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    `);
    await page.waitForTimeout(1000);
    const idle = (await page.evaluate('window.benchmarkFrames.length')) as number;
    console.log(`idle for 1 s first: ${idle} frames (the headless browser's own frame rate here)`);

    const zoom = async () =>
      Number(
        /scale\(([\d.]+)\)/.exec(
          (await page.evaluate(`document.querySelector('.react-flow__viewport').style.transform`)) as string,
        )?.[1] ?? 0,
      );
    /** Drags back and forth (so the view stays over the cards) and zooms in and out, for 2 s. */
    const panAndZoom = async (label: string) => {
      await page.evaluate('window.benchmarkFrames = []');
      const until = Date.now() + 2000;
      let round = 0;
      while (Date.now() < until) {
        const sign = round++ % 2 === 0 ? -1 : 1;
        await page.mouse.move(centre.x, centre.y);
        await page.mouse.down();
        await page.mouse.move(centre.x + sign * 120, centre.y + sign * 60, { steps: 8 });
        await page.mouse.up();
        await page.mouse.wheel(0, -200);
        await page.mouse.wheel(0, 200);
      }
      const frames = (await page.evaluate('window.benchmarkFrames')) as number[];
      const gaps = frames.slice(1).map((time, index) => time - (frames[index] ?? time));
      const seconds = ((frames.at(-1) ?? 0) - (frames[0] ?? 0)) / 1000;
      const long = gaps.filter((gap) => gap > (1000 / 60) * 1.5).length;
      const worst = Math.max(...gaps);
      console.log(
        `pan + zoom ${label} for ${seconds.toFixed(1)} s: ${(frames.length / seconds).toFixed(0)} frames/s, ` +
          `${long} of ${gaps.length} frames late (> 25 ms), worst gap ${worst.toFixed(0)} ms`,
      );
    };

    const cardsOnPage = () =>
      page.waitForFunction(
        (count) => document.querySelectorAll('.react-flow__node .node-card').length >= count,
        NODE_COUNT,
        { polling: 'raf', timeout: 30_000 },
      );
    for (let run = 0; run < 3; run++) {
      // Zoomed in, only the cards on screen are in the page; fitting the view brings all 300 back.
      const fitting = Date.now();
      await page.locator('.react-flow__controls-fitview').click();
      await cardsOnPage();
      if (run > 0)
        console.log(`fit view from reading size: all ${NODE_COUNT} cards back in ${Date.now() - fitting} ms`);
      await page.waitForTimeout(500);
      await panAndZoom(`the whole flow (zoom ${(await zoom()).toFixed(2)})`);
      while ((await zoom()) < 1) {
        await page.mouse.move(centre.x, centre.y);
        await page.mouse.wheel(0, -100);
        await page.waitForTimeout(50);
      }
      await page.waitForTimeout(300);
      await panAndZoom(`at reading size (zoom ${(await zoom()).toFixed(2)})`);
    }

    // The control: the same gestures over a flow of one card, i.e. what this browser and
    // machine manage with almost nothing to paint.
    await page.goto(`${server.url}/flows`);
    await page.getByRole('link', { name: 'Benchmark control' }).click();
    await page.locator('.react-flow__node .node-card').waitFor();
    await page.evaluate(`
      window.benchmarkFrames = [];
      const tick = (time) => {
        window.benchmarkFrames.push(time);
        if (window.benchmarkFrames.length < 100000) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    `);
    for (let run = 0; run < 3; run++) await panAndZoom('a one-card flow (control)');
  } finally {
    await env.close();
  }
}

await main();
