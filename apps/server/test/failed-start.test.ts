import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT } from '../src/cli/commands/command.types.ts';
import { freePort, runServeUntilExit, tempDatabase } from './process-kit.ts';

/**
 * A start that fails half way (the mail port taken after the workers started)
 * must close what it opened: the workers, timers and the store. Otherwise the
 * process never exits and a supervisor sees a live server that serves nothing.
 * `flowdesk` sets an exit code instead of calling process.exit(), so the
 * process only ends when nothing is left running.
 */

let blocker: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve()));
  blocker = undefined;
});

async function holdPort(port: number): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return server;
}

describe('a server that cannot start', () => {
  it('exits by itself when the inbound mail port is taken after the workers started', async () => {
    const smtpPort = await freePort();
    blocker = await holdPort(smtpPort);
    const result = await runServeUntilExit(
      tempDatabase(),
      await freePort(),
      { FLOWDESK_SMTP_LISTEN_PORT: String(smtpPort), FLOWDESK_SMTP_LISTEN_HOST: '127.0.0.1' },
      40_000,
    );
    expect(result.code).toBe(EXIT.unusable);
    expect(result.output).toContain(`Port 127.0.0.1:${smtpPort} is already in use`);
  }, 60_000);

  it('exits by itself when the HTTP port is taken', async () => {
    const port = await freePort();
    blocker = await holdPort(port);
    const result = await runServeUntilExit(tempDatabase(), port, {}, 40_000);
    expect(result.code).toBe(EXIT.unusable);
    expect(result.output).toContain(`Port 127.0.0.1:${port} is already in use`);
    expect(result.output).not.toContain('failed internally');
  }, 60_000);
});
