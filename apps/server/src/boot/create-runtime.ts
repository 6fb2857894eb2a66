import { hostname } from 'node:os';
import { deskActivities } from '@flowdesk/desk';
import type { Store } from '@flowdesk/store';
import { type Clock, DEFAULT_WORKSPACE_ID, type IdSource, type Logger } from '../app-ports.ts';
import type { RuntimeOptions } from '../config/runtime-options.ts';
import type { Links } from '../links/links.types.ts';
import type { RuntimeMetrics } from '../metrics/runtime-metrics.ts';
import { defaultActivities } from '../runtime/activities/default-activities.ts';
import { FlowRuntime } from '../runtime/flow-runtime.ts';
import { ChannelOutbox } from '../runtime/outbox/channel-outbox.ts';
import { connectChannels, type OutboxConnectors } from '../runtime/outbox/outbox-channels.ts';
import { PublishedFlows } from '../runtime/published-flows.ts';

/**
 * The runtime with its activities and outbox, for a server (wire-server.ts)
 * or a worker-only process. It starts nothing: the caller starts and stops
 * the workers.
 */
export function createRuntime(
  store: Store,
  clock: Clock,
  ids: IdSource,
  options: RuntimeOptions,
  log: Logger,
  /** The channels' connectors (channelConnectors in channels/channel-registry.ts); tests pass their own. */
  connectors: OutboxConnectors,
  /** ticket.link and survey links in flow data; the caller loads and closes them. */
  links: Links,
  /** Executions, outbox and timers counted for GET /metrics (a worker-only process serves none). */
  metrics?: RuntimeMetrics,
): FlowRuntime {
  const flows = new PublishedFlows(store);
  const listensTo = (event: string) => flows.listensToTicketEvent(DEFAULT_WORKSPACE_ID, event);
  const outbox = connectChannels(
    new ChannelOutbox({
      allowPrivateNetworks: options.allowPrivateNetworks,
      ...(options.webhookSecret ? { secret: options.webhookSecret } : {}),
    }),
    connectors,
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
        ...(options.demo ? { demoPrefix: `${links.base}/demo/` } : {}),
      },
      deskActivities({ clock, ids, listensTo, surveyLink: links.survey, ticketLink: links.ticket }),
    ),
    outbox,
    workerId: `${hostname()}:${process.pid}`,
    ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}),
    ...(options.pollMs ? { workerPollMs: options.pollMs } : {}),
    ...(options.auditRetentionDays ? { auditRetentionDays: options.auditRetentionDays } : {}),
    ...(options.executionRetentionDays ? { executionRetentionDays: options.executionRetentionDays } : {}),
    ...(metrics ? { metrics } : {}),
    anomalyChecks: true,
    scheduledReports: true,
    kpiRollupRefresh: true,
  });
}
