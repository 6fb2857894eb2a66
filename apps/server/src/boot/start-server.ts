import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { createSmsGateway, createSmtpSender, type SmtpSender } from '@flowdesk/connectors';
import { deskActivities } from '@flowdesk/desk';
import { createStore, type Store } from '@flowdesk/store';
import { type Clock, DEFAULT_WORKSPACE_ID, type IdSource, type Logger } from '../app-deps.ts';
import { bootstrapAdmin } from '../auth/bootstrap-admin.ts';
import { startEmailListener } from '../channels/email/email-listener.ts';
import { ProgressLinks } from '../channels/progress/progress-link.ts';
import { createWechatSender } from '../channels/wechat/wechat-sender.ts';
import type { ServerConfig } from '../config/server-config.ts';
import { createApp } from '../http/create-app.ts';
import { defaultActivities } from '../runtime/activities/default-activities.ts';
import { FlowRuntime } from '../runtime/flow-runtime.ts';
import { ChannelOutbox } from '../runtime/outbox/channel-outbox.ts';
import { connectChannels, type OutboxConnectors } from '../runtime/outbox/outbox-channels.ts';
import { PublishedFlows } from '../runtime/published-flows.ts';
import { backfillWaitSubscriptions } from '../runtime/wait-subscription-backfill.ts';
import { sealedStore } from '../secrets/secrets-at-rest.ts';
import { seedDemoWorkspace } from '../templates/demo-workspace.ts';
import { createIdSource } from './ids.ts';

export interface RuntimeOptions {
  /** Run the job workers in this process (timers, deferred activities, outbox). */
  readonly workers: boolean;
  readonly webhookSecret?: string;
  /** Let flows call addresses on this machine or the private network (demos, tests). */
  readonly allowPrivateNetworks: boolean;
  readonly leaseMs?: number;
  readonly pollMs?: number;
  /** Base of the links customers open (survey pages, progress pages). Default http://localhost:3000. */
  readonly publicUrl?: string;
  /** Email goes out through this SMTP server; without it email stays queued. */
  readonly smtp?: { readonly url: string; readonly from: string };
  /** SMS goes out through this HTTP gateway; without it SMS stays queued. */
  readonly sms?: { readonly url: string; readonly token?: string };
  /** Take inbound email over SMTP on this address (behind the real MX or a firewall: no auth). */
  readonly smtpListen?: { readonly host: string; readonly port: number };
  /**
   * Demo mode: serve the built-in demo order and parts services under /demo and,
   * when the database has no flows yet, apply and publish the demo templates.
   */
  readonly demo?: boolean;
  /** Audit log entries older than this many days are purged (ServerConfig.auditRetentionDays). */
  readonly auditRetentionDays?: number;
}

export interface RunningServer {
  readonly url: string;
  readonly store: Store;
  readonly runtime: FlowRuntime;
  close(): Promise<void>;
}

/**
 * The composition root: opens the store, makes sure someone can sign in, wires
 * the runtime into the HTTP app, listens, and starts the workers. `close`
 * stops in the reverse order so in-flight jobs finish or return to the queue.
 */
/** The runtime with its activities and outbox, for a server or a worker-only process. */
export function createRuntime(
  store: Store,
  clock: Clock,
  ids: IdSource,
  options: RuntimeOptions,
  log: Logger,
  connectors: OutboxConnectors = connectorsFor(options),
  progress?: ProgressLinks,
): FlowRuntime {
  const flows = new PublishedFlows(store);
  const listensTo = (event: string) => flows.listensToTicketEvent(DEFAULT_WORKSPACE_ID, event);
  const publicUrl = options.publicUrl ?? 'http://localhost:3000';
  // ticket.link is the customer's progress page with its token; a worker-only process loads the secret in the background.
  const progressLinks = progress ?? new ProgressLinks(store, publicUrl, log);
  if (!progress) progressLinks.loaded().catch(() => {});
  const outbox = connectChannels(
    new ChannelOutbox({
      allowPrivateNetworks: options.allowPrivateNetworks,
      ...(options.webhookSecret ? { secret: options.webhookSecret } : {}),
    }),
    // WeChat reads its app id and secret from the channel settings at delivery time.
    {
      wechat: createWechatSender({ store, allowPrivateNetworks: options.allowPrivateNetworks }),
      ...connectors,
    },
  );
  return new FlowRuntime({
    store,
    clock,
    ids,
    log,
    flows,
    activities: defaultActivities(
      {
        allowPrivateNetworks: options.allowPrivateNetworks,
        ...(options.demo ? { demoPrefix: `${publicUrl}/demo/` } : {}),
      },
      deskActivities({
        clock,
        ids,
        listensTo,
        surveyLink: (token) => `${publicUrl}/s/${token}`,
        ticketLink: progressLinks.link,
      }),
    ),
    outbox,
    workerId: `${hostname()}:${process.pid}`,
    ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}),
    ...(options.pollMs ? { workerPollMs: options.pollMs } : {}),
    ...(options.auditRetentionDays ? { auditRetentionDays: options.auditRetentionDays } : {}),
  });
}

/** The email and SMS connectors the options configure; a channel left out keeps its messages queued. */
export function connectorsFor(options: RuntimeOptions): OutboxConnectors & { email?: SmtpSender } {
  return {
    ...(options.smtp ? { email: createSmtpSender(options.smtp) } : {}),
    ...(options.sms ? { sms: createSmsGateway(options.sms) } : {}),
  };
}

/** The raw store, without the sealing of channel secrets; for the secrets command and openConfiguredStore. */
export function openRawStore(config: ServerConfig): Promise<Store> {
  return createStore(
    config.store.kind === 'mongo' ? { mongoUri: config.store.uri } : { sqlitePath: config.store.path },
  );
}

/**
 * The store with channel secrets sealed at rest. A key that does not fit the
 * database is a ConfigError (translated) and the store is closed again.
 */
export async function openConfiguredStore(config: ServerConfig): Promise<Store> {
  const raw = await openRawStore(config);
  try {
    return await sealedStore(raw, config, new Date());
  } catch (error) {
    await raw.close();
    throw error;
  }
}

export async function startServer(
  config: ServerConfig,
  options: RuntimeOptions,
  log: Logger,
  /** The system clock; tests pass a simulated one to see what weeks later looks like. */
  clock: Clock = { now: () => new Date() },
): Promise<RunningServer> {
  const ids = createIdSource();
  const store = await openConfiguredStore(config);
  await bootstrapAdmin(store, config, log, { id: ids.next(), now: clock.now() });
  await backfillWaitSubscriptions(store, log);
  const connectors = connectorsFor(options);
  const publicUrl = options.publicUrl ?? 'http://localhost:3000';
  const progress = await new ProgressLinks(store, publicUrl, log).loaded();
  const runtimeOptions = { ...options, auditRetentionDays: config.auditRetentionDays };
  const runtime = createRuntime(store, clock, ids, runtimeOptions, log, connectors, progress);
  const surveyLink = (token: string) => `${publicUrl}/s/${token}`;
  const demo = options.demo === true;
  const { app, close: closeApp } = createApp(
    { store, config, clock, ids, runtime, log, surveyLink, publicUrl },
    { demoServices: demo },
  );
  if (demo) await seedDemoWorkspace({ store, clock, runtime, log }, { publicUrl });
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(config.port, config.host, () => resolve(listening));
    listening.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `http://${host}:${address.port}`;
  if (options.workers) runtime.startWorkers();
  const emailListener = options.smtpListen
    ? await startEmailListener({ store, runtime, clock, ids, log }, options.smtpListen)
    : undefined;
  log.info('FlowDesk is listening', { url, store: store.kind, workers: options.workers });

  return {
    url,
    store,
    runtime,
    async close() {
      // Stop taking mail first: a sender whose mail is refused now retries later.
      await emailListener?.close();
      // Ends open widget event streams, which would otherwise hold server.close() open.
      closeApp();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runtime.stopWorkers();
      progress.stop();
      // Pooled SMTP connections would otherwise keep the process alive after shutdown.
      connectors.email?.close();
      await store.close();
    },
  };
}
