import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '@flowdesk/store';
import { describe, expect, it } from 'vitest';
import { memoryIo } from './cli-test-kit.ts';
import { runCli } from './main.ts';

function freshDb(): Record<string, string> {
  return { FLOWDESK_DB: join(mkdtempSync(join(tmpdir(), 'flowdesk-templates-cli-')), 'db.sqlite') };
}

describe('flowdesk templates', () => {
  it('lists the templates in the chosen language', async () => {
    const io = memoryIo(freshDb());
    expect(await runCli(['templates', 'list', '--lang', 'zh-CN'], io)).toBe(0);
    expect(io.out()).toContain('retail\tv1\t零售 / 电商客服\t7');
    expect(io.out()).toContain('manufacturing\tv1\t制造业 / 设备售后服务');
  });

  it('applies a template once; the second time nothing changes', async () => {
    const env = freshDb();
    const first = memoryIo(env);
    expect(
      await runCli(
        [
          'templates',
          'apply',
          'manufacturing',
          '--publish',
          '--set',
          'purchasingEmail=buyer@factory.example.com',
          '--lang',
          'en',
        ],
        first,
      ),
    ).toBe(0);
    expect(first.out()).toContain('Applied template manufacturing: created 7 teams, 8 agents');
    expect(first.out()).toContain('Published 7 flows');
    const again = memoryIo(env);
    expect(await runCli(['templates', 'apply', 'manufacturing', '--lang', 'en'], again)).toBe(0);
    expect(again.out()).toContain('Template manufacturing was already applied; nothing changed');

    const store = await openSqliteStore({ path: env.FLOWDESK_DB as string });
    try {
      const flows = await store.flows.list({ workspaceId: 'default' });
      expect(flows).toHaveLength(7);
      const intake = await store.versions.latest('tpl-manufacturing-repair-intake');
      const alert = intake?.graph.nodes.find((node) => node.id === 'alert_purchasing');
      expect(alert?.config.address).toBe('buyer@factory.example.com');
    } finally {
      await store.close();
    }
  });

  it('refuses an unknown template, another workspace and a malformed --set', async () => {
    const env = freshDb();
    const unknown = memoryIo(env);
    expect(await runCli(['templates', 'apply', 'bakery', '--lang', 'en'], unknown)).toBe(1);
    expect(unknown.err()).toContain('There is no template "bakery"');
    const workspace = memoryIo(env);
    expect(
      await runCli(['templates', 'apply', 'retail', '--workspace', 'acme', '--lang', 'en'], workspace),
    ).toBe(2);
    expect(workspace.err()).toContain('There is no workspace "acme"');
    expect(await runCli(['templates', 'apply', 'retail', '--set', 'oops'], memoryIo(env))).toBe(2);
    expect(await runCli(['templates', 'remove', 'retail'], memoryIo(env))).toBe(2);
  });
});
