import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserAvailable,
  type E2eEnvironment,
  expectFits,
  screenshot,
  signInAsAdmin,
  startE2eEnvironment,
} from './e2e-kit.ts';

/**
 * The anomaly early warning's settings (issue 14, item 5): an admin changes
 * the thresholds in Settings with the keyboard-reachable, labelled form, at
 * desk and phone width, and the server keeps them.
 */

const run = browserAvailable();
let env: E2eEnvironment | undefined;

beforeAll(async () => {
  if (run) env = await startE2eEnvironment();
}, 180_000);
afterAll(async () => {
  await env?.close();
});

describe('anomaly settings in a browser', () => {
  it('saves the thresholds an admin sets, and fits at 1024 and 390 px', async () => {
    if (!env) return;
    const { page, server } = env;
    await signInAsAdmin(page, server.url);
    await page.getByRole('link', { name: 'Settings' }).click();
    const section = page.getByRole('region', { name: 'Anomaly early warning' });
    await section.waitFor();
    await expect.poll(() => section.getByLabel('Score threshold').inputValue()).toBe('3.5');
    await section.getByLabel('Score threshold').fill('5');
    await section.getByLabel('Minimum tickets in an hour').fill('20');
    await section.getByLabel('Custom fields that name the product').fill('deviceModel, sku');
    await section.getByRole('button', { name: 'Save detection settings' }).click();
    await section.getByText('Detection settings saved.').waitFor();
    const saved = (await (
      await fetch(`${server.url}/trpc/anomalies.settings`, {
        headers: {
          cookie: (await page.context().cookies()).map((entry) => `${entry.name}=${entry.value}`).join('; '),
        },
      })
    ).json()) as { result: { data: { minScore: number; minVolume: number; productFields: string[] } } };
    expect(saved.result.data).toMatchObject({
      minScore: 5,
      minVolume: 20,
      productFields: ['deviceModel', 'sku'],
    });

    // The browser itself refuses a baseline shorter than two weeks (the server would too, see anomalies.router.test.ts).
    await section.getByLabel('Weeks in the baseline').fill('1');
    await section.getByRole('button', { name: 'Save detection settings' }).click();
    await expect
      .poll(() =>
        section
          .getByLabel('Weeks in the baseline')
          .evaluate((input: HTMLInputElement) => input.validity.valid),
      )
      .toBe(false);
    await section.getByLabel('Weeks in the baseline').fill('4');

    for (const width of [1024, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await section.scrollIntoViewIfNeeded();
      await expectFits(page, ['section[aria-labelledby="settings-anomalies"]']);
      // Only this section's controls: other settings sections are not this test's concern.
      const outside = await section.evaluate((root) => {
        const screen = document.documentElement.clientWidth;
        return [...root.querySelectorAll<HTMLElement>('button, input, select')]
          .filter((control) => {
            const box = control.getBoundingClientRect();
            return box.left < -1 || box.right > screen + 1;
          })
          .map((control) => control.id || control.textContent || control.tagName);
      });
      expect(outside).toEqual([]);
      await screenshot(page, `90-anomaly-settings-${width}`);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  }, 120_000);
});
