/**
 * Five-field cron (minute hour day-of-month month day-of-week), the form every
 * scheduler UI shows. Parsed into sets of allowed values so the scheduler can
 * compute the next run without any cron library.
 */
export interface CronSpec {
  minutes: ReadonlySet<number>;
  hours: ReadonlySet<number>;
  daysOfMonth: ReadonlySet<number>;
  months: ReadonlySet<number>;
  daysOfWeek: ReadonlySet<number>;
  /** Both day fields restricted: cron matches when either matches. */
  dayFieldsOr: boolean;
}

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

interface FieldRange {
  min: number;
  max: number;
  names?: string[];
  nameOffset?: number;
}

const FIELDS: FieldRange[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTH_NAMES, nameOffset: 1 },
  { min: 0, max: 7, names: DAY_NAMES, nameOffset: 0 },
];

function parseNumber(token: string, range: FieldRange): number | undefined {
  const lower = token.toLowerCase();
  const named = range.names?.indexOf(lower) ?? -1;
  if (named >= 0) return named + (range.nameOffset ?? 0);
  if (!/^\d{1,2}$/.test(token)) return undefined;
  const value = Number(token);
  return value >= range.min && value <= range.max ? value : undefined;
}

function parseField(source: string, range: FieldRange): Set<number> | undefined {
  const values = new Set<number>();
  for (const part of source.split(',')) {
    const [base = '', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1 || (stepText !== undefined && !/^\d+$/.test(stepText))) {
      return undefined;
    }
    let from: number | undefined;
    let to: number | undefined;
    if (base === '*') {
      from = range.min;
      to = range.max;
    } else if (base.includes('-')) {
      const [a = '', b = ''] = base.split('-');
      from = parseNumber(a, range);
      to = parseNumber(b, range);
    } else {
      from = parseNumber(base, range);
      to = stepText === undefined ? from : range.max;
    }
    if (from === undefined || to === undefined || from > to) return undefined;
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

export function parseCron(expression: string): CronSpec | undefined {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) return undefined;
  const sets = parts.map((part, i) => parseField(part, FIELDS[i] as FieldRange));
  if (sets.some((s) => s === undefined)) return undefined;
  const [minutes, hours, daysOfMonth, months, rawDaysOfWeek] = sets as Set<number>[];
  const daysOfWeek = new Set([...(rawDaysOfWeek as Set<number>)].map((d) => d % 7));
  return {
    minutes: minutes as Set<number>,
    hours: hours as Set<number>,
    daysOfMonth: daysOfMonth as Set<number>,
    months: months as Set<number>,
    daysOfWeek,
    dayFieldsOr: parts[2] !== '*' && parts[4] !== '*',
  };
}

export function isValidCron(expression: string): boolean {
  return parseCron(expression) !== undefined;
}
