/** Page sizes are clamped so one request can never read a whole table into memory. */
export const DEFAULT_EXECUTION_PAGE = 50;
export const MAX_EXECUTION_PAGE = 500;

export function executionPageSize(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_EXECUTION_PAGE;
  return Math.max(1, Math.min(MAX_EXECUTION_PAGE, Math.floor(limit)));
}

export function jobListSize(limit: number | undefined): number {
  if (limit === undefined) return 100;
  return Math.max(1, Math.min(1000, Math.floor(limit)));
}
