import { type LocalizedText, text } from '@flowdesk/model';

/**
 * The texts of the anomaly early warning (anomalies.*), spread into
 * HTTP_MESSAGES so they share its codes and lookup.
 */
type Params = Record<string, string | number | undefined>;
const s = (value: string | number | undefined) => String(value ?? '');

export const ANOMALY_MESSAGES = {
  anomaly_not_found: (p: Params) => text(`找不到异常「${s(p.id)}」`, `Anomaly "${s(p.id)}" does not exist`),
  anomaly_range_reversed: () =>
    text('开始时间应早于结束时间', 'The start time must come before the end time'),
  anomaly_already_acknowledged: (p: Params) =>
    text(
      `此异常已由 ${s(p.by)} 于 ${s(p.at)} 确认，不能再次确认`,
      `This anomaly was already acknowledged by ${s(p.by)} at ${s(p.at)}; it cannot be acknowledged again`,
    ),
} satisfies Record<string, (params: Params) => LocalizedText>;
