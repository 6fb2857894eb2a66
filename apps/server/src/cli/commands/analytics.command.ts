import { resolve } from 'node:path';
import { type LocalizedText, text } from '@flowdesk/model';
import { createStore, type Store } from '@flowdesk/store';
import { refreshKpiRollups } from '../../analytics/kpi-rollup-job.ts';
import { DEFAULT_WORKSPACE_ID } from '../../app-deps.ts';
import { ConfigError, loadServerConfig } from '../../config/server-config.ts';
import { CLI_TEXT } from '../../messages/cli.messages.ts';
import { type CliCommand, EXIT } from './command.types.ts';

const ANALYTICS_TEXT = {
  usage: text('用法：flowdesk analytics rebuild', 'Usage: flowdesk analytics rebuild'),
  notKept: text(
    '此存储（MongoDB）不保存指标预聚合，看板每次按工单计算，无需重建',
    'This store (MongoDB) keeps no KPI rollups: the dashboard computes from the tickets each time, nothing to rebuild',
  ),
  done: (count: string, seconds: string) =>
    text(
      `已重新计算 ${count} 张工单的指标预聚合（${seconds} 秒）`,
      `Recomputed the KPI rollups of ${count} tickets (${seconds} s)`,
    ),
} satisfies Record<string, LocalizedText | ((...args: string[]) => LocalizedText)>;

/**
 * `flowdesk analytics rebuild`: marks every ticket and recomputes the KPI
 * rollups (SQLite migration 032) now, e.g. after a team's business calendar
 * changed (business-hours times depend on it) or after a bulk import. The
 * server does the same for changed tickets before each dashboard answer.
 */
export const analyticsCommand: CliCommand = {
  name: 'analytics',
  usage: 'analytics rebuild',
  summary: text('重新计算看板的指标预聚合', 'Recompute the dashboard’s KPI rollups'),
  options: {},
  optionHelp: {},
  exitCodes: [
    [EXIT.ok, text('完成', 'Done')],
    [EXIT.unusable, text('参数或配置有误', 'Wrong arguments or configuration')],
  ],
  async run({ positionals }, { io, locale }) {
    const fail = (message: LocalizedText) => {
      io.stderr(`${message[locale]}\n`);
      return EXIT.unusable;
    };
    if (positionals.length !== 1 || positionals[0] !== 'rebuild') {
      return fail(CLI_TEXT.badArguments(ANALYTICS_TEXT.usage[locale]));
    }
    let store: Store;
    try {
      const config = loadServerConfig(io.env);
      store = await createStore(
        config.store.kind === 'mongo'
          ? { mongoUri: config.store.uri }
          : { sqlitePath: resolve(io.cwd, config.store.path) },
      );
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      return fail(text(error.message, error.message));
    }
    try {
      if (!store.kpiRollups.enabled) {
        io.stdout(`${ANALYTICS_TEXT.notKept[locale]}\n`);
        return EXIT.ok;
      }
      const started = Date.now();
      const count = await store.kpiRollups.markAll(DEFAULT_WORKSPACE_ID);
      await refreshKpiRollups({ store, clock: { now: () => new Date() } });
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      io.stdout(`${ANALYTICS_TEXT.done(String(count), seconds)[locale]}\n`);
      return EXIT.ok;
    } finally {
      await store.close();
    }
  },
};
