import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../boot/app-services.ts';
import { createLogger } from '../logging/logger.ts';
import { createTestBed, type TestBed } from '../testing/server-test-kit.ts';
import { createApp } from './create-app.ts';
import { requestLog, urlForLog } from './request-log.ts';

interface LogLine {
  level: string;
  message: string;
  req?: { method: string; url: string; headers: Record<string, string> };
  res?: { statusCode: number };
}

function memoryLog() {
  const written: string[] = [];
  const log = createLogger('info', { write: (line: string) => void written.push(line) });
  const lines = (): LogLine[] =>
    written
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
  return { log, lines };
}

async function listen(app: express.Express) {
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** pino-http writes its line when the answer has finished; give the socket that moment. */
async function settled<T>(read: () => T[], count: number): Promise<T[]> {
  for (let attempt = 0; attempt < 50 && read().length < count; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return read();
}

describe('request log of the app', () => {
  let bed: TestBed;
  let server: Awaited<ReturnType<typeof listen>>;
  let closeServices: () => Promise<void>;
  const memory = memoryLog();

  beforeAll(async () => {
    bed = await createTestBed();
    const services = createServices({
      store: bed.store,
      config: bed.services.config,
      clock: bed.clock,
      ids: bed.services.ids,
      runtime: bed.runtime,
      log: memory.log,
      links: bed.services.links,
    });
    closeServices = services.close;
    server = await listen(createApp(services));
  });
  afterAll(async () => {
    await closeServices();
    await server.close();
    await bed.close();
  });

  it('logs answered requests with redacted credentials and link tokens, and not the probes', async () => {
    await fetch(`${server.baseUrl}/healthz`);
    await fetch(`${server.baseUrl}/readyz`);
    await fetch(`${server.baseUrl}/s/survey-token-abc123?lang=en`);
    await fetch(`${server.baseUrl}/api/v1/tickets/CS1?token=progress-secret`, {
      headers: { authorization: 'Bearer fd_live_key_42', cookie: 'fd_session=s3cr3t' },
    });
    const lines = await settled(memory.lines, 2);
    expect(lines.map((line) => line.req?.url)).toEqual([
      '/s/[redacted]?lang=en',
      '/api/v1/tickets/CS1?token=[redacted]',
    ]);
    const api = lines[1];
    expect(api?.req?.headers).toMatchObject({ authorization: '[redacted]', cookie: '[redacted]' });
    expect(api?.res?.statusCode).toBe(401);
    expect(api?.level).toBe('info');
    const text = JSON.stringify(lines);
    for (const secret of ['survey-token', 'progress-secret', 'fd_live', 's3cr3t'])
      expect(text).not.toContain(secret);
  });
});

describe('request log levels', () => {
  it('logs 5xx at error, 429 at warn and other answers at info', async () => {
    const memory = memoryLog();
    const app = express();
    const handler = requestLog(memory.log);
    if (!handler) throw new Error('a pino-backed logger has a request log');
    app.use(handler);
    app.get('/ok', (_request, response) => void response.send('ok'));
    app.get('/busy', (_request, response) => void response.status(429).send('slow down'));
    app.get('/broken', (_request, response) => void response.status(503).send('down'));
    const server = await listen(app);
    try {
      for (const path of ['/ok', '/busy', '/broken']) await fetch(`${server.baseUrl}${path}`);
      const lines = await settled(memory.lines, 3);
      expect(lines.map((line) => [line.message, line.level])).toEqual([
        ['GET /ok 200', 'info'],
        ['GET /busy 429', 'warn'],
        ['GET /broken 503', 'error'],
      ]);
    } finally {
      await server.close();
    }
  });

  it('has no request log for a logger that is not pino-backed (tests record their own)', async () => {
    expect(requestLog({ debug() {}, info() {}, warn() {}, error() {} })).toBeUndefined();
  });
});

describe('urlForLog', () => {
  it('hides capability tokens and keeps everything else', () => {
    expect(urlForLog('/s/abc/def?x=1')).toBe('/s/[redacted]/def?x=1');
    expect(urlForLog('/t/CS20250101001?token=abc&lang=en')).toBe('/t/CS20250101001?token=[redacted]&lang=en');
    expect(urlForLog('/api/v1/requests')).toBe('/api/v1/requests');
    // A target no URL parser accepts is not written at all: it could hold anything.
    expect(urlForLog('http://[oops/s/abc')).toBe('[redacted]');
  });
});
