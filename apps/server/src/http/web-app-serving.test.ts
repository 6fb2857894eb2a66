import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../boot/app-services.ts';
import { createTestBed, type TestBed } from '../testing/server-test-kit.ts';
import { createApp } from './create-app.ts';

let bed: TestBed;
let dist: string;
const servers: Array<{ close(): void }> = [];

async function listen(webDistDir: string): Promise<string> {
  const app = createApp(
    createServices({
      store: bed.store,
      config: bed.services.config,
      clock: bed.clock,
      ids: bed.services.ids,
      runtime: bed.runtime,
      links: bed.services.links,
    }),
    { webDistDir },
  );
  const server = app.listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  bed = await createTestBed();
  dist = mkdtempSync(join(tmpdir(), 'flowdesk-web-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>FlowDesk</title><div id="root"></div>');
  writeFileSync(join(dist, 'assets', 'index-abc.js'), 'console.log(1)');
});
afterAll(async () => {
  for (const server of servers) server.close();
  await bed.close();
  rmSync(dist, { recursive: true, force: true });
});

const html = { accept: 'text/html,application/xhtml+xml' };

describe('serving the built web app', () => {
  it('answers client routes with index.html and assets with long caching', async () => {
    const base = await listen(dist);
    for (const path of ['/', '/flows/flow-1', '/executions']) {
      const page = await fetch(`${base}${path}`, { headers: html });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
    }
    const asset = await fetch(`${base}/assets/index-abc.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
  });

  it('keeps API routes first: their JSON answers are never replaced by the app', async () => {
    const base = await listen(dist);
    const missing = await fetch(`${base}/api/v1/nothing-here`, { headers: html });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'not_found' } });
    const health = await fetch(`${base}/healthz`, { headers: html });
    expect(await health.json()).toEqual({ status: 'ok' });
    const trpc = await fetch(`${base}/trpc/auth.me`, { headers: html });
    expect(trpc.status).toBe(401);
    const asset = await fetch(`${base}/assets/missing.js`, { headers: { accept: '*/*' } });
    expect(asset.status).toBe(404);
  });

  it('serves nothing extra when the web app has not been built', async () => {
    const base = await listen(join(dist, 'not-built'));
    const page = await fetch(`${base}/flows`, { headers: html });
    expect(page.status).toBe(404);
  });
});
