import type { KpiRollupRepository } from '../port/kpi-rollup.types.ts';

/**
 * Mongo keeps no KPI rollups: the dashboard computes from the tickets on each
 * request there (as the flow overlay does), so `enabled` is false and the
 * server never calls the rest. docs/kpis.md, "Rollups".
 */
export function createMongoKpiRollupRepository(): KpiRollupRepository {
  const none = async (): Promise<never> => {
    throw new Error('KPI rollups are SQLite only; check kpiRollups.enabled first');
  };
  return {
    enabled: false,
    dirty: async () => [],
    dirtyCount: async () => 0,
    markAll: async () => 0,
    write: none,
    tickets: none,
    surveysOfTickets: none,
    flowsOfExecutions: none,
    ticketsOfCustomers: none,
    factsOf: none,
    rows: none,
    facts: none,
    backlog: none,
    backlogCreated: none,
    backlogIntervals: none,
    createdByDay: none,
    backlogChanges: none,
    resolvedKeys: none,
    unticketedSurveys: none,
  };
}
