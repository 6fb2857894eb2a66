import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishableGraph } from '../../server/src/testing/server-test-kit.ts';
import { browserAvailable, type E2eEnvironment, signInAsAdmin, startE2eEnvironment } from './e2e-kit.ts';

/** An administrator turns a flow off in the flow list; the server stops starting it. */

const run = browserAvailable();
let env: E2eEnvironment | undefined;

beforeAll(async () => {
  if (run) env = await startE2eEnvironment();
}, 180_000);
afterAll(async () => {
  await env?.close();
});

describe('flow list on/off switch', () => {
  it('turns a flow off from its switch, and the list says so after a reload', async () => {
    if (!env) return;
    const { page, server } = env;
    await page.setViewportSize({ width: 1024, height: 900 });
    await signInAsAdmin(page, server.url);

    const cookie = (await page.context().cookies()).map((entry) => `${entry.name}=${entry.value}`).join('; ');
    const created = await fetch(`${server.url}/trpc/flows.create`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ name: 'Holiday greetings', graph: publishableGraph() }),
    });
    expect(created.status).toBe(200);
    await page.reload();

    const toggle = page.getByRole('switch', { name: 'Turn "Holiday greetings" on' });
    await expect.poll(() => toggle.isChecked(), { timeout: 15_000 }).toBe(true);
    await toggle.click();
    await expect.poll(() => toggle.isChecked()).toBe(false);
    await page.reload();
    await expect
      .poll(() => page.getByRole('switch', { name: 'Turn "Holiday greetings" on' }).isChecked(), {
        timeout: 15_000,
      })
      .toBe(false);
  });
});
