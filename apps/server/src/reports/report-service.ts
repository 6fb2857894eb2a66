import { DEFAULT_TIMEZONE, type KpiTicket } from '@flowdesk/desk';
import type { LocalizedText } from '@flowdesk/model';
import type { Store } from '@flowdesk/store';
import { checkRange, creatingExecution, loadAnalytics } from '../analytics/analytics-data.ts';
import { readAnalyticsTargets } from '../analytics/analytics-targets.ts';
import { type Clock, DEFAULT_WORKSPACE_ID } from '../app-deps.ts';
import { buildReportModel, type ReportModel, type ReportVersion } from './report-model.ts';
import { previousPeriod, type ReportPeriod } from './report-period.ts';

/**
 * Loads what a report needs and builds its model: the KPI data of the period
 * and the one before (the dashboard's loader, so the numbers are the
 * dashboard's), which flow made each ticket, and the versions published in the
 * period. Used by tRPC `reports.*`, the scheduled email and `flowdesk report`.
 */

export interface ReportDeps {
  store: Store;
  clock: Clock;
}

/** Days and weeks are counted here (the zone tickets are numbered in); no workspace setting overrides it yet. */
export const REPORT_TIMEZONE = DEFAULT_TIMEZONE;

const LOOKUPS_AT_ONCE = 16;

async function flowsOfExecutions(
  store: Store,
  executionIds: readonly string[],
): Promise<Map<string, string>> {
  const flows = new Map<string, string>();
  for (let start = 0; start < executionIds.length; start += LOOKUPS_AT_ONCE) {
    const records = await Promise.all(
      executionIds.slice(start, start + LOOKUPS_AT_ONCE).map((id) => store.executions.get(id)),
    );
    for (const record of records) if (record) flows.set(record.id, record.flowId);
  }
  return flows;
}

function nameOfFlow(flow: { name: string; localizedName?: LocalizedText }): LocalizedText {
  return flow.localizedName ?? { 'zh-CN': flow.name, en: flow.name };
}

async function versionsPublishedIn(
  store: Store,
  period: ReportPeriod,
  flowNames: Map<string, LocalizedText>,
): Promise<ReportVersion[]> {
  const flows = await store.flows.list({ workspaceId: DEFAULT_WORKSPACE_ID, includeArchived: true });
  const users = new Map((await store.users.list()).map((user) => [user.id, user.name]));
  const versions: ReportVersion[] = [];
  for (const flow of flows) {
    for (const version of await store.versions.list(flow.id)) {
      const at = Date.parse(version.publishedAt);
      if (at < period.from || at >= period.to) continue;
      versions.push({
        flowId: flow.id,
        flowName: flowNames.get(flow.id) ?? nameOfFlow(flow),
        version: version.version,
        publishedAt: version.publishedAt,
        author: { id: version.author, name: users.get(version.author) ?? version.author },
        note: version.note,
      });
    }
  }
  return versions.sort(
    (a, b) => a.publishedAt.localeCompare(b.publishedAt) || a.flowId.localeCompare(b.flowId),
  );
}

export async function buildReport(deps: ReportDeps, period: ReportPeriod): Promise<ReportModel> {
  const previous = previousPeriod(period);
  // Refuses a period longer than the dashboard allows (the CLI's ranges) before anything is read.
  checkRange(new Date(period.from).toISOString(), new Date(period.to).toISOString());
  const range = { from: period.from, to: period.to };
  const [loaded, targets, flows] = await Promise.all([
    loadAnalytics(
      deps,
      { from: new Date(range.from).toISOString(), to: new Date(range.to).toISOString() },
      range,
      {
        from: previous.from,
        to: previous.to,
      },
    ),
    readAnalyticsTargets(deps.store),
    deps.store.flows.list({ workspaceId: DEFAULT_WORKSPACE_ID, includeArchived: true }),
  ]);
  const flowNames = new Map(flows.map((flow) => [flow.id, nameOfFlow(flow)]));
  const executionIds = [
    ...new Set(
      loaded.prepared.facts
        .filter((facts) => facts.byFlow)
        .map((facts) => creatingExecution(facts.ticket))
        .filter((id): id is string => id !== null),
    ),
  ];
  const flowByExecution = await flowsOfExecutions(deps.store, executionIds);
  const flowOf = (ticket: KpiTicket) => flowByExecution.get(creatingExecution(ticket) ?? '') ?? null;
  return buildReportModel({
    period,
    previous,
    prepared: loaded.prepared,
    targets,
    flowOf,
    flowNames,
    versions: await versionsPublishedIn(deps.store, period, flowNames),
    now: deps.clock.now(),
  });
}
