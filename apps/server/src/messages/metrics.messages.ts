import { type LocalizedText, text } from '@flowdesk/model';

/**
 * The texts of GET /metrics refusals, spread into HTTP_MESSAGES so they share
 * its codes and lookup (the error body, translated by Accept-Language).
 */
type Params = Record<string, string | number | undefined>;

export const METRICS_MESSAGES = {
  metrics_token_invalid: () =>
    text(
      '监控指标的访问令牌不正确（FLOWDESK_METRICS_TOKEN）',
      'The metrics token is not correct (FLOWDESK_METRICS_TOKEN)',
    ),
  metrics_token_required: () =>
    text(
      '读取监控指标需要访问令牌：请发送 Authorization: Bearer <FLOWDESK_METRICS_TOKEN>',
      'Reading the metrics needs the token: send Authorization: Bearer <FLOWDESK_METRICS_TOKEN>',
    ),
  metrics_network_refused: () =>
    text(
      '此网络不能读取监控指标（FLOWDESK_METRICS_NETWORKS），也未设置访问令牌',
      'Metrics are not served to this network (FLOWDESK_METRICS_NETWORKS), and no metrics token is set',
    ),
} satisfies Record<string, (p: Params) => LocalizedText>;
