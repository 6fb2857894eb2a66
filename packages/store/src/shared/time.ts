/**
 * Times cross the port as ISO-8601 strings. Adapters normalise them to UTC with
 * milliseconds so stored strings sort in time order, and keep job times as epoch
 * milliseconds because leases need arithmetic.
 */
export function normalizeIso(value: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new RangeError(`Not an ISO-8601 time: ${value}`);
  return new Date(ms).toISOString();
}

export function isoToMs(value: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new RangeError(`Not an ISO-8601 time: ${value}`);
  return ms;
}

export function msToIso(ms: number): string {
  return new Date(ms).toISOString();
}

export function nullableMsToIso(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined ? null : msToIso(ms);
}
