import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSmtpSender, SmtpSink } from '@flowdesk/connectors';
import { createApiKey } from '../auth/api-keys.ts';
import { createServices } from '../boot/app-services.ts';
import { loadServerConfig } from '../config/server-config.ts';
import { createApp } from '../http/create-app.ts';
import { CustomerLinks } from '../links/customer-links.ts';
import { ChannelOutbox } from '../runtime/outbox/channel-outbox.ts';
import { connectChannels } from '../runtime/outbox/outbox-channels.ts';
import { createRuntimeHarness, type RuntimeHarness, sequentialIds } from '../runtime/runtime-test-kit.ts';
import { type ApplyResult, applyTemplate } from './template-apply.service.ts';
import type { LoadedTemplate } from './template-loader.ts';

/**
 * A whole FlowDesk for a template's sample test: the real runtime on a
 * temporary SQLite file, the HTTP app with the demo services on a loopback
 * port, outgoing email to a real loopback SMTP server, and an API key.
 * Only imported by tests.
 */
export interface TemplateTestEnv {
  readonly harness: RuntimeHarness;
  readonly smtp: SmtpSink;
  readonly baseUrl: string;
  readonly apiKey: string;
  apply(template: LoadedTemplate): Promise<ApplyResult>;
  /** Runs due jobs (deferred steps, outbox, timers) until nothing is left. */
  drain(): Promise<void>;
  /** Moves the test clock to this moment (samples say when they happen). */
  setTime(iso: string): void;
  close(): Promise<void>;
}

export async function startTemplateEnv(): Promise<TemplateTestEnv> {
  const dir = mkdtempSync(join(tmpdir(), 'flowdesk-template-'));
  const smtp = new SmtpSink();
  const sender = createSmtpSender({ url: await smtp.start(), from: 'FlowDesk <desk@example.com>' });
  let baseUrl = '';
  const harness = await createRuntimeHarness({
    path: join(dir, 'flowdesk.sqlite'),
    outbox: connectChannels(new ChannelOutbox(), { email: sender }),
    surveyLink: (token) => `${baseUrl}/s/${token}`,
  });
  const { store, clock, runtime } = harness;
  const apiKey = (
    await createApiKey(store, { id: 'samples', name: 'samples', role: 'agent', now: clock.now() })
  ).secret;
  const app = createApp(
    createServices({
      store,
      config: loadServerConfig({}),
      clock,
      ids: sequentialIds('http'),
      runtime,
      links: new CustomerLinks(store, undefined),
    }),
    { demoServices: true },
  );
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    harness,
    smtp,
    baseUrl,
    apiKey,
    apply: (template) =>
      applyTemplate({ store, clock, runtime }, template, {
        publish: true,
        demoBaseUrl: baseUrl,
        actor: 'test',
      }),
    async drain() {
      // Deliveries and resumed steps can enqueue more work; a few passes settle it.
      for (let round = 0; round < 5; round++) {
        if ((await harness.drain()) === 0) break;
      }
    },
    setTime(iso) {
      clock.advance(Date.parse(iso) - clock.now().getTime());
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      sender.close();
      await smtp.stop();
      await harness.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
