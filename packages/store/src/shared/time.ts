/**
 * Times cross the port as ISO-8601 strings. Adapters normalise them to UTC with
 * milliseconds so stored strings sort in time order, and keep job times as epoch
 * milliseconds because leases need arithmetic.
 */
/**
 * Text already in `toISOString` form, with a day no month lacks (1–28) and a
 * valid time, is returned as it is: Date.parse would accept 31 February and
 * roll it into March, so other days take the full round trip. The stores call
 * this for every time they write, which made the round trip show in profiles.
 */
const CANONICAL_ISO = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|1\d|2[0-8])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

export function normalizeIso(value: string): string {
  if (CANONICAL_ISO.test(value)) return value;
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
