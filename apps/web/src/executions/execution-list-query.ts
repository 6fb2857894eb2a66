import { localTimeToIso } from '../shared/time-range-fields.tsx';
import type { ExecutionStatusValue } from './execution-status.ts';

export interface Filters {
  /** A ticket number or the customer's name, email or phone. */
  search: string;
  flowId: string;
  version: string;
  status: ExecutionStatusValue | '';
  from: string;
  to: string;
}

export const NO_FILTERS: Filters = { search: '', flowId: '', version: '', status: '', from: '', to: '' };

/** The executions.list input for the filters as typed. */
export function queryOf(filters: Filters) {
  const version = Number.parseInt(filters.version, 10);
  const startedAfter = localTimeToIso(filters.from);
  const startedBefore = localTimeToIso(filters.to);
  const search = filters.search.trim();
  return {
    limit: 100,
    ...(search ? { search } : {}),
    ...(filters.flowId ? { flowId: filters.flowId } : {}),
    ...(version > 0 ? { version } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(startedAfter ? { startedAfter } : {}),
    ...(startedBefore ? { startedBefore } : {}),
  };
}
