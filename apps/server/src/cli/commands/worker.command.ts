import { text } from '@flowdesk/model';
import { createRuntime } from '../../boot/create-runtime.ts';
import { createIdSource } from '../../boot/ids.ts';
import { openConfiguredStore } from '../../boot/open-store.ts';
import { channelConnectors } from '../../channels/channel-registry.ts';
import { loadRuntimeOptions } from '../../config/runtime-config.ts';
import { ConfigError, loadServerConfig } from '../../config/server-config.ts';
import { CustomerLinks } from '../../links/customer-links.ts';
import { createLogger } from '../../logging/logger.ts';
import { backfillWaitSubscriptions } from '../../runtime/wait-subscription-backfill.ts';
import { type CliCommand, EXIT } from './command.types.ts';

/**
 * `flowdesk worker`: only the workers (timers, deferred steps, deliveries), no
 * HTTP. Run as many as needed beside API-only servers (FLOWDESK_WORKERS=off).
 */
export const workerCommand: CliCommand = {
  name: 'worker',
  usage: 'worker',
  summary: text(
    '只运行后台任务（定时器、延后步骤、消息投递），不提供 HTTP',
    'Run only the workers (timers, deferred steps, deliveries), no HTTP',
  ),
  options: {},
  optionHelp: {},
  exitCodes: [
    [EXIT.ok, text('收到停止信号后正常退出', 'Stopped cleanly after a stop signal')],
    [EXIT.unusable, text('配置有误', 'The configuration is invalid')],
  ],
  async run(_input, context) {
    let config: ReturnType<typeof loadServerConfig>;
    let options: ReturnType<typeof loadRuntimeOptions>;
    let store: Awaited<ReturnType<typeof openConfiguredStore>>;
    let log: ReturnType<typeof createLogger>;
    try {
      config = loadServerConfig(process.env);
      options = loadRuntimeOptions(process.env);
      log = createLogger(config.logLevel);
      store = await openConfiguredStore(config, {
        backgroundCheckpoints: true,
        onCheckpointError: (message) =>
          log.warn('background WAL checkpoint failed; the next one tries again', {
            reason: message,
          }),
      });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      context.io.stderr(`${error.message}\n`);
      return EXIT.unusable;
    }
    await backfillWaitSubscriptions(store, log);
    const runtimeOptions = {
      ...options,
      auditRetentionDays: config.auditRetentionDays,
      executionRetentionDays: config.executionRetentionDays,
    };
    const connectors = channelConnectors({ options, store });
    // ticket.link needs the progress secret; a worker loads it in the background (links say /t/<number> until then).
    const links = new CustomerLinks(store, options.publicUrl, log);
    links.loaded().catch(() => {});
    const clock = { now: () => new Date() };
    const runtime = createRuntime(store, clock, createIdSource(), runtimeOptions, log, connectors, links);
    runtime.startWorkers();
    context.io.stdout(`${text('FlowDesk 后台任务已启动', 'FlowDesk workers are running')[context.locale]}\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    await runtime.stopWorkers();
    links.close();
    connectors.close();
    await store.close();
    return EXIT.ok;
  },
};
