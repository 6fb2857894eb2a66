import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../app-deps.ts';
import { startServer } from '../boot/start-server.ts';
import { readChannel, updateChannel } from '../channels/channel-settings.ts';
import { loadRuntimeOptions } from '../config/runtime-config.ts';
import { loadServerConfig } from '../config/server-config.ts';
import { createTestBed, type TestBed } from '../testing/server-test-kit.ts';
import { seedDemoWorkspace } from './demo-workspace.ts';

describe('the demo workspace', () => {
  let bed: TestBed | undefined;
  afterEach(async () => {
    await bed?.close();
  });

  it('applies and publishes retail and manufacturing into an empty database, and only then', async () => {
    bed = await createTestBed();
    const deps = { ...bed.services, log: silentLogger };
    expect(await seedDemoWorkspace(deps, { publicUrl: 'http://localhost:3000' })).toBe('seeded');
    const flows = await bed.store.flows.list({ workspaceId: 'default' });
    expect(flows).toHaveLength(14);
    for (const flow of flows) expect(await bed.store.versions.latest(flow.id), flow.id).not.toBeNull();
    const intake = await bed.store.versions.latest('tpl-retail-intake');
    const lookup = intake?.graph.nodes.find((node) => node.id === 'status_lookup');
    expect(lookup?.config.url).toBe('http://localhost:3000/demo/orders/{{ request.customFields.orderNo }}');

    expect(await seedDemoWorkspace(deps, { publicUrl: 'http://localhost:3000' })).toBe('not_empty');
    expect(await bed.store.flows.list({ workspaceId: 'default' })).toHaveLength(14);
  });

  it('lets the widget run on the demo’s local addresses, and keeps an admin’s own list', async () => {
    bed = await createTestBed();
    const deps = { ...bed.services, log: silentLogger };
    await seedDemoWorkspace(deps, { publicUrl: 'http://localhost:3000/' });
    expect((await readChannel(bed.store, 'widget')).settings.allowedOrigins).toEqual([
      'http://localhost:3000',
      'http://localhost:8080',
      'http://127.0.0.1:8080',
    ]);

    const other = await createTestBed();
    try {
      const own = { allowedOrigins: ['https://shop.example.cn'] };
      await updateChannel(other.store, { channel: 'widget', settings: own }, other.services.clock.now());
      await seedDemoWorkspace(
        { ...other.services, log: silentLogger },
        { publicUrl: 'http://localhost:3000' },
      );
      expect((await readChannel(other.store, 'widget')).settings.allowedOrigins).toEqual(own.allowedOrigins);
    } finally {
      await other.close();
    }
  });

  it('is on by default and off with FLOWDESK_DEMO=0', () => {
    expect(loadRuntimeOptions({}).demo).toBe(true);
    expect(loadRuntimeOptions({ FLOWDESK_DEMO: '0' }).demo).toBe(false);
  });
});

describe('the server in demo mode', () => {
  async function serve(demo: boolean) {
    const dir = mkdtempSync(join(tmpdir(), 'flowdesk-demo-'));
    const config = loadServerConfig({ PORT: '0', HOST: '127.0.0.1', FLOWDESK_DB: join(dir, 'db.sqlite') });
    return startServer(config, { workers: false, allowPrivateNetworks: false, demo }, silentLogger);
  }

  it('serves the demo order service, which says it is a demo, and seeds the flows', async () => {
    const server = await serve(true);
    try {
      const response = await fetch(`${server.url}/demo/orders/DD1001`);
      expect(response.status).toBe(200);
      const body = (await response.json()) as {
        demo: boolean;
        note: { en: string };
        order: { status: string };
      };
      expect(body).toMatchObject({ demo: true, order: { status: 'shipped' } });
      expect(body.note.en).toContain('demo service');
      expect((await fetch(`${server.url}/demo/parts/HP-200`)).status).toBe(200);
      expect((await fetch(`${server.url}/demo/orders/NOPE`)).status).toBe(404);
      expect(await server.store.flows.list({ workspaceId: 'default' })).toHaveLength(14);
    } finally {
      await server.close();
    }
  });

  it('without demo mode has neither the demo services nor the demo flows', async () => {
    const server = await serve(false);
    try {
      expect((await fetch(`${server.url}/demo/orders/DD1001`)).status).toBe(404);
      expect(await server.store.flows.list({ workspaceId: 'default' })).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
