import { z } from 'zod';

/**
 * The anomaly detector's thresholds, one workspace setting (`analytics.anomalies`).
 * Every field has a default, so a workspace that never saved them runs with
 * the documented defaults (docs/kpis.md, "Anomaly early warning").
 */
export const ANOMALY_SETTINGS_KEY = 'analytics.anomalies';

const FieldNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/);
const MarkerSchema = z.string().trim().min(1).max(64);

export const AnomalySettingsSchema = z.strictObject({
  /** The hourly job runs the detector only when on; off keeps the schedule but detects nothing. */
  enabled: z.boolean().default(true),
  /** A series is anomalous when its robust score reaches this. */
  minScore: z.number().finite().min(1).max(50).default(3.5),
  /** An hour with fewer tickets than this (in the series, or behind a share) never alarms. */
  minVolume: z.number().int().min(1).max(100_000).default(10),
  /** How many earlier weeks' same hour make the baseline. */
  baselineWeeks: z.number().int().min(2).max(12).default(4),
  /** Ticket custom fields that name the product (the manufacturing template's `deviceModel`). */
  productFields: z.array(FieldNameSchema).max(5).default(['deviceModel', 'product']),
  /** A ticket is negative when its category or one of its tags is one of these. */
  negativeMarkers: z.array(MarkerSchema).max(20).default(['complaint', 'negative']),
});
export type AnomalySettings = z.output<typeof AnomalySettingsSchema>;

export const DEFAULT_ANOMALY_SETTINGS: AnomalySettings = AnomalySettingsSchema.parse({});

/** A stored value that no longer parses reads as the defaults rather than stopping detection. */
export function readAnomalySettings(stored: unknown): AnomalySettings {
  const parsed = AnomalySettingsSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : DEFAULT_ANOMALY_SETTINGS;
}
