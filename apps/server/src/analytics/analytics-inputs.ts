import { BREAKDOWN_KEYS, KPI_IDS, SERIES_BUCKETS } from '@flowdesk/desk';
import { CHANNELS } from '@flowdesk/model';
import { z } from 'zod';

/**
 * The inputs of the analytics procedures (tRPC `analytics.*`). Every range is
 * half-open [from, to) in ISO-8601 with an offset; filters narrow the tickets
 * a KPI looks at (a second contact for FCR is still looked for everywhere).
 */

const Id = z.string().trim().min(1).max(200);

export const AnalyticsFiltersSchema = z.strictObject({
  /** Inclusive. */
  from: z.iso.datetime({ offset: true }),
  /** Exclusive. */
  to: z.iso.datetime({ offset: true }),
  team: Id.optional(),
  channel: z.enum(CHANNELS.values).optional(),
  /** Tickets made by this flow's executions (any version). */
  flowId: Id.optional(),
});
export type AnalyticsFilters = z.infer<typeof AnalyticsFiltersSchema>;

export const KpiIdSchema = z.enum(KPI_IDS);

export const KpisInputSchema = AnalyticsFiltersSchema.extend({
  /** Also compute the period of the same length just before (the tiles' change). */
  compareWithPrevious: z.boolean().default(true),
});

export const SeriesInputSchema = AnalyticsFiltersSchema.extend({
  kpi: KpiIdSchema,
  bucket: z.enum(SERIES_BUCKETS).default('day'),
});

export const BreakdownInputSchema = AnalyticsFiltersSchema.extend({
  kpi: KpiIdSchema,
  by: z.enum(BREAKDOWN_KEYS),
});

export const DrillDownInputSchema = AnalyticsFiltersSchema.extend({
  kpi: KpiIdSchema,
  /** One group of a breakdown (null: tickets without a value, e.g. unassigned). A series bucket is just a narrower from/to. */
  group: z.strictObject({ by: z.enum(BREAKDOWN_KEYS), value: Id.nullable() }).optional(),
  limit: z.number().int().min(1).max(500).default(200),
});
