import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, memoryIo } from './cli-test-kit.ts';
import { runCli } from './main.ts';

function eventFile(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'flowdesk-run-')), 'event.json');
  writeFileSync(path, content);
  return path;
}

const request = JSON.stringify({
  request: {
    channel: 'api',
    message: '我要退货 {{ 7*7 }}',
    customer: { name: '李雷', phone: '13900001234' },
  },
});

describe('flowdesk run', () => {
  it('dry-runs a flow and prints the path it took and what it would send', async () => {
    const io = memoryIo();
    const code = await runCli(
      ['run', `${FIXTURES}/good-flow.json`, '--event', eventFile(request), '--lang', 'en'],
      io,
    );
    expect(code).toBe(0);
    const lines = io.out().split('\n');
    expect(lines[0]).toBe('#1 request (trigger.request_received) → next');
    expect(io.out()).toContain('(action.send_message) → next');
    expect(io.out()).toMatch(/Dry run ended: completed after \d+ steps \(nothing was sent\)/);
  });

  it('prints the steps as JSON', async () => {
    const io = memoryIo();
    const code = await runCli(
      ['run', `${FIXTURES}/good-flow.json`, '--event', eventFile(request), '--json'],
      io,
    );
    expect(code).toBe(0);
    const result = JSON.parse(io.out()) as {
      status: string;
      steps: { nodeId: string }[];
      effects: unknown[];
    };
    expect(result.status).toBe('completed');
    expect(result.steps[0]?.nodeId).toBe('request');
    expect(result.effects.length).toBeGreaterThan(0);
  });

  it('refuses a flow with errors (1) and an unusable event file (2)', async () => {
    const broken = memoryIo();
    expect(
      await runCli(['run', `${FIXTURES}/dangling-edge-flow.json`, '--event', eventFile(request)], broken),
    ).toBe(1);
    expect(broken.err()).toContain('ERROR');

    const badEvent = memoryIo();
    expect(
      await runCli(
        ['run', `${FIXTURES}/good-flow.json`, '--event', eventFile('[1,2]'), '--lang', 'en'],
        badEvent,
      ),
    ).toBe(2);
    expect(badEvent.err()).toContain('The event file must hold data');

    const noEvent = memoryIo();
    expect(await runCli(['run', `${FIXTURES}/good-flow.json`], noEvent)).toBe(2);
  });
});
