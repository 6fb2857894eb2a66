import { z } from 'zod';
import { isValidCron } from './cron.ts';
import { checkPattern } from './linear-pattern.ts';
import {
  DURATION_UNITS,
  ORDERING_OPERATORS,
  RULE_OPERATORS,
  type RuleOperator,
  VALUELESS_OPERATORS,
  WEEKDAYS,
  type Weekday,
} from './vocabulary.ts';

/*
 * Building blocks of node configs. Error texts are message codes from
 * lint/messages.ts, so every validation failure reaches the user translated.
 */

const IDENTIFIER_RE = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const FIELD_PATH_RE = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*){1,7}$/;
const SLUG_RE = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const TIME_OF_DAY_RE = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export const MAX_TEMPLATE_LENGTH = 10_000;

/** A variable name an admin chooses, e.g. `orderStatus`. */
export const IdentifierSchema = z.string().regex(IDENTIFIER_RE, { error: 'value.identifier' });

/** A stable id for a switch case or classifier category (becomes an output port). */
export const SlugSchema = z.string().regex(SLUG_RE, { error: 'value.slug' });

/** A field of the data a flow sees, e.g. `customer.vipLevel` or `variables.orderStatus`. */
export const FieldPathSchema = z.string().regex(FIELD_PATH_RE, { error: 'value.field_path' });

export const TimeOfDaySchema = z.string().regex(TIME_OF_DAY_RE, { error: 'value.time_of_day' });
export const DateSchema = z.string().regex(DATE_RE, { error: 'value.date' });

export function isValidTimezone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const TimezoneSchema = z
  .string()
  .min(1, { error: 'value.timezone' })
  .refine(isValidTimezone, { error: 'value.timezone' });

export const CronSchema = z.string().refine(isValidCron, { error: 'value.cron' });

export const DurationSchema = z.strictObject({
  amount: z.number().int().min(1).max(100_000),
  unit: z.enum(DURATION_UNITS.values),
});
export type Duration = z.infer<typeof DurationSchema>;

const UNIT_MS = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;
export function durationToMs(duration: Duration): number {
  return duration.amount * UNIT_MS[duration.unit];
}

/** A Liquid-style message template, e.g. `您好 {{ customer.name }}`. */
export const TemplateSchema = z.string().max(MAX_TEMPLATE_LENGTH);

/** One template per locale; at least one must be filled in. */
export const LocalizedTemplateSchema = z
  .strictObject({
    'zh-CN': TemplateSchema.optional(),
    en: TemplateSchema.optional(),
  })
  .refine((t) => Boolean(t['zh-CN']?.trim() || t.en?.trim()), { error: 'value.template_empty' });
export type LocalizedTemplate = z.infer<typeof LocalizedTemplateSchema>;

export const ScalarSchema = z.union([z.string().max(1000), z.number(), z.boolean()]);
export type Scalar = z.infer<typeof ScalarSchema>;

export const WeeklyHoursSchema = z.strictObject({
  days: z.array(z.enum(WEEKDAYS.values)).min(1),
  from: TimeOfDaySchema,
  to: TimeOfDaySchema,
});

/** The weekday whose hours a make-up workday (调休) keeps: the first day of a normal working week. */
export const MAKE_UP_WORKDAY_HOURS_OF = 'mon' as const;

/**
 * Opening hours with a timezone and holidays, as a business writes them on its door.
 * `workdays` are make-up workdays (China's 调休): dates that are open although their
 * weekday is closed, e.g. the Saturday before National Day. Such a date keeps the
 * hours of a Monday (MAKE_UP_WORKDAY_HOURS_OF); a date that is both a holiday and a
 * make-up workday is refused, and so is opening hours that end before they start. Calendars stored before `workdays` existed parse with [].
 */
export const CalendarSchema = z
  .strictObject({
    timezone: TimezoneSchema.default('Asia/Shanghai'),
    weekly: z.array(WeeklyHoursSchema).min(1).max(14),
    holidays: z.array(DateSchema).max(366).default([]),
    workdays: z.array(DateSchema).max(366).default([]),
  })
  .superRefine((calendar, ctx) => {
    calendar.weekly.forEach((hours, index) => {
      if (hours.to <= hours.from) {
        ctx.addIssue({ code: 'custom', path: ['weekly', index, 'to'], message: 'value.time_range' });
      }
    });
    const holidays = new Set(calendar.holidays);
    calendar.workdays.forEach((date, index) => {
      if (holidays.has(date)) {
        ctx.addIssue({
          code: 'custom',
          path: ['workdays', index],
          message: 'value.workday_is_holiday',
          params: { date },
        });
      }
    });
  });
export type Calendar = z.infer<typeof CalendarSchema>;

/**
 * Whose weekly hours a local date (YYYY-MM-DD) keeps: null on a holiday, Monday's on a
 * make-up workday, otherwise its own weekday's. Every reader of a calendar (the
 * business-hours step, SLA clocks) asks this, so they agree on 调休. A calendar
 * stored before make-up workdays existed has no `workdays` and is read as none.
 */
export function hoursWeekdayOf(
  calendar: Pick<Calendar, 'holidays'> & { workdays?: readonly string[] | undefined },
  date: string,
  weekday: Weekday,
): Weekday | null {
  if (calendar.holidays.includes(date)) return null;
  if ((calendar.workdays ?? []).includes(date)) return MAKE_UP_WORKDAY_HOURS_OF;
  return weekday;
}

type ValueCheck = { ok: true } | { ok: false; error: string; params?: Record<string, string | number> };

/** A `matches` value must be a pattern RE2 runs in linear time (see linear-pattern.ts). */
export function checkPatternValue(value: unknown): ValueCheck {
  if (typeof value !== 'string') return { ok: false, error: 'rule.value_pattern' };
  const check = checkPattern(value);
  if (check.ok) return { ok: true };
  if (check.reason === 'unsupported') {
    return { ok: false, error: 'rule.value_pattern_unsupported', params: { detail: check.detail } };
  }
  return {
    ok: false,
    error: check.reason === 'too_complex' ? 'rule.value_pattern_complex' : 'rule.value_pattern',
  };
}

/** Whether a rule's value fits its operator; shared by conditions and switch cases. */
export function checkOperatorValue(operator: RuleOperator, value: unknown): ValueCheck {
  if (VALUELESS_OPERATORS.includes(operator)) {
    return value === undefined ? { ok: true } : { ok: false, error: 'rule.value_not_allowed' };
  }
  if (value === undefined || value === '') return { ok: false, error: 'rule.value_required' };
  if (operator === 'in') {
    return Array.isArray(value) && value.length > 0 ? { ok: true } : { ok: false, error: 'rule.value_list' };
  }
  if (Array.isArray(value)) return { ok: false, error: 'rule.value_single' };
  if (ORDERING_OPERATORS.includes(operator)) {
    const comparable =
      typeof value === 'number' || (typeof value === 'string' && !Number.isNaN(Date.parse(value)));
    return comparable ? { ok: true } : { ok: false, error: 'rule.value_number' };
  }
  if (operator === 'matches') return checkPatternValue(value);
  if (operator === 'contains' || operator === 'starts_with') {
    return typeof value === 'string' ? { ok: true } : { ok: false, error: 'rule.value_text' };
  }
  return { ok: true };
}

export const RuleSchema = z
  .strictObject({
    kind: z.literal('rule'),
    field: FieldPathSchema,
    operator: z.enum(RULE_OPERATORS.values),
    value: z.union([ScalarSchema, z.array(ScalarSchema).max(200)]).optional(),
  })
  .superRefine((rule, ctx) => {
    const check = checkOperatorValue(rule.operator, rule.value);
    if (!check.ok)
      ctx.addIssue({ code: 'custom', path: ['value'], message: check.error, params: check.params });
  });
export type Rule = z.infer<typeof RuleSchema>;

export const COMBINATORS = ['all', 'any', 'not'] as const;
export type Combinator = (typeof COMBINATORS)[number];

export interface RuleGroup {
  kind: 'group';
  /** all: every child holds; any: at least one holds; not: none holds. */
  combinator: Combinator;
  children: Array<Rule | RuleGroup>;
}

export const RuleGroupSchema: z.ZodType<RuleGroup> = z.strictObject({
  kind: z.literal('group'),
  combinator: z.enum(COMBINATORS),
  get children() {
    return z.array(z.union([RuleSchema, RuleGroupSchema])).max(50);
  },
});
