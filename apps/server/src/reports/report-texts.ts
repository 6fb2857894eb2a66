import type { KpiId } from '@flowdesk/desk';
import { type LocalizedText, text } from '@flowdesk/model';

/**
 * The words of the weekly and monthly reports, wherever they are read: the
 * web page (it shows the labels the report model carries), the CSV export,
 * the email and `flowdesk report`. KPI names match the dashboard's.
 */

export const KPI_LABELS: Record<KpiId, LocalizedText> = {
  volume: text('请求量', 'Requests'),
  automated_resolution_rate: text('自动解决率', 'Resolved automatically'),
  handoff_rate: text('转人工率', 'Handed to people'),
  first_response_p50: text('首次响应（中位数）', 'First response (median)'),
  first_response_p90: text('首次响应（P90）', 'First response (90th pct.)'),
  first_response_business_p50: text(
    '首次响应，工作时间（中位数）',
    'First response, business hours (median)',
  ),
  first_response_business_p90: text(
    '首次响应，工作时间（P90）',
    'First response, business hours (90th pct.)',
  ),
  resolution_p50: text('解决时长（中位数）', 'Resolution time (median)'),
  resolution_p90: text('解决时长（P90）', 'Resolution time (90th pct.)'),
  resolution_business_p50: text('解决时长，工作时间（中位数）', 'Resolution time, business hours (median)'),
  resolution_business_p90: text('解决时长，工作时间（P90）', 'Resolution time, business hours (90th pct.)'),
  aht: text('平均处理时长', 'Average handle time'),
  fcr_rate: text('首次解决率', 'First-contact resolution'),
  reopen_rate: text('重开率', 'Reopened'),
  csat_share: text('满意度（4–5 分占比）', 'CSAT (share of 4–5)'),
  csat_mean: text('满意度（平均分）', 'CSAT (mean)'),
  nps: text('净推荐值', 'NPS'),
  sla_attainment: text('SLA 达成率', 'SLA met'),
  sla_breaches: text('SLA 超时数', 'SLA breaches'),
  backlog: text('未结工单', 'Open backlog'),
  backlog_age_p50: text('未结工单账龄（中位数）', 'Backlog age (median)'),
};

export const UNIT_LABELS = {
  count: text('张', 'tickets'),
  percent: text('%', '%'),
  minutes: text('分钟', 'min'),
  score: text('分（满分 5）', 'of 5'),
  none: text('', ''),
  points: text('个百分点', 'pts'),
} as const;

export const REPORT_TEXT = {
  weeklyTitle: (key: string) => text(`服务周报 ${key}`, `Weekly service report ${key}`),
  monthlyTitle: (key: string) => text(`服务月报 ${key}`, `Monthly service report ${key}`),
  rangeTitle: (key: string) => text(`服务报告 ${key}`, `Service report ${key}`),
  periodLine: (first: string, last: string, previousFirst: string, previousLast: string, zone: string) =>
    text(
      `${first} 至 ${last}（${zone}），与 ${previousFirst} 至 ${previousLast} 对比`,
      `${first} to ${last} (${zone}), compared with ${previousFirst} to ${previousLast}`,
    ),
  kpis: text('指标', 'KPIs'),
  kpi: text('指标', 'KPI'),
  value: text('本期', 'This period'),
  previous: text('上期', 'Previous period'),
  change: text('变化', 'Change'),
  unit: text('单位', 'Unit'),
  noData: text('无数据', 'no data'),
  movers: text('变化最大的项', 'Top movers'),
  noMovers: text('与上期相比没有明显变化。', 'Nothing changed markedly against the previous period.'),
  versions: text('本期发布的流程版本', 'Flow versions published in the period'),
  noVersions: text('本期没有发布新版本。', 'No flow version was published in the period.'),
  flow: text('流程', 'Flow'),
  version: text('版本', 'Version'),
  publishedAt: text('发布时间', 'Published at'),
  publishedBy: text('发布人', 'Published by'),
  note: text('说明', 'Note'),
  section: text('部分', 'Section'),
  item: text('项目', 'Item'),
  details: text('说明', 'Details'),
  period: text('统计周期', 'Period'),
  volumeMetric: text('工单量', 'Volume'),
  handoffMetric: text('转人工率', 'Hand-off rate'),
  noGroup: text('（无）', '(none)'),
  computedAt: (at: string) => text(`生成于 ${at}`, `Computed at ${at}`),
  emailIntro: text(
    '以下是本期的服务指标、变化最大的项和发布的流程版本。',
    'Here are the period’s service KPIs, the top movers and the flow versions published.',
  ),
  emailFooter: text(
    '您收到此邮件是因为管理员将您设为 FlowDesk 报告的收件人。',
    'You receive this email because an admin chose you as a recipient of FlowDesk reports.',
  ),
} as const;
