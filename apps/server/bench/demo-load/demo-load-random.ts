/**
 * Deterministic randomness and the desk's rhythm for the demo-load generator:
 * one seeded stream (sfc32), UUIDv7-shaped ids that carry their time (so rows
 * written in time order append to the id indexes as the runtime's own do), and
 * the daily and weekly pattern of requests in Asia/Shanghai.
 */

export class SeededRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  /** Ids never go back in time, as a server's ids made one after another do not. */
  private lastIdMs = 0;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 15; i++) this.next();
  }

  /** [0, 1) */
  next(): number {
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    this.d >>>= 0;
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  int(below: number): number {
    return Math.floor(this.next() * below);
  }

  chance(share: number): boolean {
    return this.next() < share;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  /** An index drawn with the given (not necessarily normalised) weights. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const weight of weights) total += weight;
    let point = this.next() * total;
    for (let index = 0; index < weights.length; index++) {
      point -= weights[index] as number;
      if (point < 0) return index;
    }
    return weights.length - 1;
  }

  /** A log-normal duration: half of the draws fall below `median`, `spread` is sigma of the log. */
  logNormal(median: number, spread: number): number {
    const u = Math.max(this.next(), 1e-12);
    const v = this.next();
    const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return median * Math.exp(spread * normal);
  }

  /** A UUIDv7-shaped id whose first 48 bits are `atMs` (or the last id's time if later), as the server's id generator makes them. */
  uuid(atMs: number): string {
    this.lastIdMs = Math.max(this.lastIdMs, Math.floor(atMs));
    const time = this.lastIdMs.toString(16).padStart(12, '0');
    const hex = (digits: number) => {
      let out = '';
      for (let i = 0; i < digits; i++) out += ((this.next() * 16) | 0).toString(16);
      return out;
    };
    const variant = (8 + this.int(4)).toString(16);
    return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
  }
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Asia/Shanghai has no daylight saving: local time is UTC+8 all year. */
export const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;

/** Requests per local hour of day (0–23): quiet at night, peaks mid-morning and after lunch, a small evening bump. */
const HOUR_WEIGHTS = [
  0.15, 0.08, 0.05, 0.04, 0.04, 0.08, 0.2, 0.5, 1.1, 1.8, 2.0, 1.9, 1.3, 1.6, 1.9, 1.8, 1.6, 1.4, 1.0, 0.9,
  1.0, 0.9, 0.6, 0.3,
];
/** Sunday first, as Date.getUTCDay(): weekends carry about half a weekday. */
const WEEKDAY_WEIGHTS = [0.5, 1.0, 1.05, 1.0, 1.0, 0.95, 0.6];

/** The local (Shanghai) hour and weekday of an instant. */
export function shanghaiClock(atMs: number): { hour: number; weekday: number; dateKey: string } {
  const local = new Date(atMs + SHANGHAI_OFFSET_MS);
  const dateKey = `${local.getUTCFullYear()}${String(local.getUTCMonth() + 1).padStart(2, '0')}${String(local.getUTCDate()).padStart(2, '0')}`;
  return { hour: local.getUTCHours(), weekday: local.getUTCDay(), dateKey };
}

/**
 * `count` arrival times between `fromMs` (a local midnight) and `toMs`,
 * ascending: days weighted by weekday and a slow growth over the range
 * (+30 % from the first day to the last), hours by HOUR_WEIGHTS.
 */
export function arrivalTimes(
  random: SeededRandom,
  count: number,
  fromMs: number,
  toMs: number,
): Float64Array {
  const days = Math.max(1, Math.ceil((toMs - fromMs) / DAY_MS));
  const dayWeights = Array.from({ length: days }, (_, day) => {
    const { weekday } = shanghaiClock(fromMs + day * DAY_MS + 12 * HOUR_MS);
    return (WEEKDAY_WEIGHTS[weekday] as number) * (1 + (0.3 * day) / days);
  });
  const total = dayWeights.reduce((sum, weight) => sum + weight, 0);
  // Largest remainder: the per-day counts add up to `count` exactly.
  const exact = dayWeights.map((weight) => (weight / total) * count);
  const perDay = exact.map(Math.floor);
  let missing = count - perDay.reduce((sum, n) => sum + n, 0);
  const byRemainder = exact.map((value, day) => ({ day, rest: value - Math.floor(value) }));
  byRemainder.sort((a, b) => b.rest - a.rest || a.day - b.day);
  for (let i = 0; missing > 0; i = (i + 1) % days, missing--) perDay[byRemainder[i]?.day as number]! += 1;
  const times = new Float64Array(count);
  let index = 0;
  for (let day = 0; day < days; day++) {
    const dayStart = fromMs + day * DAY_MS;
    const start = index;
    for (let n = 0; n < (perDay[day] as number); n++) {
      const hour = random.weighted(HOUR_WEIGHTS);
      const at = dayStart + hour * HOUR_MS + random.next() * HOUR_MS;
      times[index++] = Math.min(at, toMs - 1);
    }
    times.subarray(start, index).sort();
  }
  return times;
}

export { DAY_MS, HOUR_MS };
