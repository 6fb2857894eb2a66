import { type LocalizedText, text } from '@flowdesk/model';
import { ANALYTICS_MESSAGES } from './analytics.messages.ts';
import { ANOMALY_MESSAGES } from './anomaly.messages.ts';
import { APPROVAL_MESSAGES } from './approvals.messages.ts';
import { FLOW_ANALYTICS_MESSAGES } from './flow-analytics.messages.ts';
import { METRICS_MESSAGES } from './metrics.messages.ts';
import { PEOPLE_MESSAGES } from './people.messages.ts';
import { REPORT_MESSAGES } from './report.messages.ts';
import { SHADOW_RUN_MESSAGES } from './shadow-run.messages.ts';
import { SURVEY_MESSAGES } from './surveys.messages.ts';
import { THRESHOLD_WHAT_IF_MESSAGES } from './threshold-what-if.messages.ts';

/**
 * Every text the HTTP surface (REST and tRPC) answers with, by code. The code is
 * stable (clients and tests match on it); the words may improve.
 */
type Params = Record<string, string | number | undefined>;
const s = (value: string | number | undefined) => String(value ?? '');

export const HTTP_MESSAGES = {
  invalid_request: (p: Params) =>
    text(`请求内容有误：${s(p.detailZh)}`, `The request is not valid: ${s(p.detailEn)}`),
  malformed_json: () => text('请求体不是有效的 JSON', 'The request body is not valid JSON'),
  unsupported_media_type: () =>
    text(
      '请求体必须是 JSON（Content-Type: application/json）',
      'The body must be JSON (Content-Type: application/json)',
    ),
  payload_too_large: (p: Params) =>
    text(`请求体过大，最多 ${s(p.limit)}`, `The request body is too large; the limit is ${s(p.limit)}`),
  unauthenticated: () =>
    text('缺少或无效的凭据，请提供有效的 API 密钥', 'Missing or invalid credentials: send a valid API key'),
  api_key_revoked: () => text('此 API 密钥已被吊销', 'This API key has been revoked'),
  not_logged_in: () => text('请先登录', 'Please sign in first'),
  forbidden: (p: Params) =>
    text(`当前角色（${s(p.role)}）无权执行此操作`, `Your role (${s(p.role)}) may not do this`),
  no_policy: () =>
    text('此操作没有声明访问策略，已拒绝', 'This operation declares no access policy and is refused'),
  login_failed: () => text('邮箱或密码不正确', 'The email or password is not correct'),
  cross_site_refused: () =>
    text(
      '已拒绝来自其他网站的请求：请直接在 FlowDesk 页面中操作',
      'A request from another website was refused: make this change on the FlowDesk page itself',
    ),
  login_rate_limited: (p: Params) =>
    text(
      `登录尝试过多，请 ${s(p.seconds)} 秒后再试`,
      `Too many sign-in attempts; try again in ${s(p.seconds)} s`,
    ),
  idempotency_mismatch: () =>
    text(
      '此 Idempotency-Key 已用于另一个不同的请求体',
      'This Idempotency-Key was already used with a different request body',
    ),
  idempotency_key_invalid: () =>
    text(
      'Idempotency-Key 必须是 1–255 个可见 ASCII 字符',
      'Idempotency-Key must be 1–255 visible ASCII characters',
    ),
  idempotency_in_progress: (p: Params) =>
    text(
      `使用此 Idempotency-Key 的请求仍在处理中（或随已停止的进程中断），最迟 ${s(p.seconds)} 秒后重试即可得到结果`,
      `A request with this Idempotency-Key is still being handled (or stopped with its process); retry within ${s(p.seconds)} s at the latest to get its answer`,
    ),
  not_found: () => text('找不到请求的地址', 'Nothing is served at this address'),
  flow_not_found: (p: Params) => text(`找不到流程「${s(p.id)}」`, `Flow "${s(p.id)}" does not exist`),
  version_not_found: (p: Params) =>
    text(`流程没有版本 ${s(p.version)}`, `The flow has no version ${s(p.version)}`),
  execution_not_found: (p: Params) =>
    text(`找不到执行记录「${s(p.id)}」`, `Execution "${s(p.id)}" does not exist`),
  api_key_not_found: (p: Params) =>
    text(`找不到 API 密钥「${s(p.id)}」`, `API key "${s(p.id)}" does not exist`),
  draft_conflict: (p: Params) =>
    text(
      `草稿已被 ${s(p.by)} 于 ${s(p.at)} 修改（当前修订号 ${s(p.revision)}），请先加载最新草稿再保存`,
      `The draft was changed by ${s(p.by)} at ${s(p.at)} (now revision ${s(p.revision)}); load it again before saving`,
    ),
  invalid_flow: (p: Params) =>
    text(`不是有效的流程：${s(p.detailZh)}`, `This is not a valid flow: ${s(p.detailEn)}`),
  publish_blocked: (p: Params) =>
    text(
      `流程还有 ${s(p.count)} 个错误，修正后才能发布`,
      `The flow still has ${s(p.count)} error(s); fix them before publishing`,
    ),
  test_run_blocked: (p: Params) =>
    text(
      `流程还有 ${s(p.count)} 个错误，修正后才能试运行`,
      `The flow still has ${s(p.count)} error(s); fix them before a test run`,
    ),
  test_run_template_failed: (p: Params) =>
    text(
      `试运行在步骤「${s(p.node)}」停止：${s(p.detailZh)}`,
      `The test run stopped at step "${s(p.node)}": ${s(p.detailEn)}`,
    ),
  publish_tests_failed: (p: Params) =>
    text(
      `${s(p.count)} 个测试用例未通过：${s(p.names)}。请修正流程或重新保存用例后再发布；管理员可填写说明后仍然发布`,
      `${s(p.count)} test case(s) failed: ${s(p.namesEn ?? p.names)}. Fix the flow or save the cases again before publishing; an admin may publish anyway with a note`,
    ),
  publish_override_admins_only: () =>
    text('只有管理员可以在测试用例未通过时仍然发布', 'Only an admin may publish while test cases fail'),
  test_case_not_found: (p: Params) =>
    text(`找不到测试用例「${s(p.id)}」`, `Test case "${s(p.id)}" does not exist`),
  test_run_live_no_trigger: () =>
    text(
      '样例中没有请求或事件，无法判断哪些已上线流程会开始',
      'The sample holds no request or event, so no live flow can be tried with it',
    ),
  flow_archived: () => text('流程已归档，请先取消归档', 'The flow is archived; unarchive it first'),
  retry_refused: (p: Params) =>
    text(`无法重试此执行：${s(p.detailZh)}`, `This execution cannot be retried: ${s(p.detailEn)}`),
  runtime_unavailable: () =>
    text('运行时暂不可用，请稍后重试', 'The runtime is not available right now; retry shortly'),
  store_busy: () =>
    text(
      '数据库正忙（另一个进程正在写入），请稍后重试',
      'The database is busy (another process is writing); retry shortly',
    ),
  // Refusals of the service desk carry their own words in both languages (from @flowdesk/desk).
  desk_not_found: (p: Params) => text(s(p.zh), s(p.en)),
  invalid_transition: (p: Params) => text(s(p.zh), s(p.en)),
  desk_invalid: (p: Params) => text(s(p.zh), s(p.en)),
  ticket_claim_conflict: (p: Params) => text(s(p.zh), s(p.en)),
  team_not_found: (p: Params) => text(`找不到团队「${s(p.id)}」`, `Team "${s(p.id)}" does not exist`),
  team_in_use: (p: Params) =>
    text(
      `团队「${s(p.id)}」仍在使用中（${s(p.agents)} 名坐席、${s(p.tickets)} 个未完成工单），请先移出坐席并转走工单`,
      `Team "${s(p.id)}" is still in use (${s(p.agents)} agent(s), ${s(p.tickets)} open ticket(s)); move them to another team first`,
    ),
  team_is_escalation_queue: (p: Params) =>
    text(
      `团队「${s(p.id)}」是团队 ${s(p.teams)} 的升级队列，请先在那些团队中改选升级队列`,
      `Team "${s(p.id)}" is the escalation queue of ${s(p.teams)}; choose another escalation queue there first`,
    ),
  team_named_by_flows: (p: Params) =>
    text(
      `团队「${s(p.id)}」仍被已发布的流程${s(p.flowsZh)}的步骤使用，请先在这些流程中改选团队并重新发布`,
      `Team "${s(p.id)}" is named by steps of the published flow(s) ${s(p.flowsEn)}; choose another team in those flows and publish them first`,
    ),
  team_named_by_running_versions: (p: Params) =>
    text(
      `团队「${s(p.id)}」仍被进行中的执行所用的流程版本${s(p.versionsZh)}使用，请等这些执行结束或取消后再删除`,
      `Team "${s(p.id)}" is named by flow version(s) ${s(p.versionsEn)} that executions in flight still run on; wait for them to finish or cancel them first`,
    ),
  sla_policy_not_found: (p: Params) =>
    text(`找不到 SLA 策略「${s(p.id)}」`, `SLA policy "${s(p.id)}" does not exist`),
  no_agent_profile: () =>
    text(
      '当前用户没有坐席档案，无法处理工单',
      'Your user has no agent profile, so it cannot work on tickets',
    ),
  no_contact: (p: Params) =>
    text(
      `客户没有可用的${p.channel === 'sms' ? '手机号' : '邮箱'}，无法发送问卷`,
      `The customer has no ${p.channel === 'sms' ? 'phone number' : 'email address'} to send the survey to`,
    ),
  template_not_found: (p: Params) =>
    text(`找不到消息模板「${s(p.id)}」`, `Message template "${s(p.id)}" does not exist`),
  article_not_found: (p: Params) =>
    text(`找不到知识库文章「${s(p.id)}」`, `Knowledge-base article "${s(p.id)}" does not exist`),
  article_not_publishable: () =>
    text(
      '发布前请至少填写一个问题和一种语言的回答',
      'Give at least one question and an answer in one language before publishing',
    ),
  customer_not_found: (p: Params) => text(`找不到客户「${s(p.id)}」`, `Customer "${s(p.id)}" does not exist`),
  mention_not_member: (p: Params) =>
    text(
      `只能提及该工单所属团队的成员，以下不是：${s(p.ids)}`,
      `Only members of the ticket's team can be mentioned; these are not: ${s(p.ids)}`,
    ),
  ticket_without_customer: () =>
    text('该工单没有关联客户，无法合并客户', 'This ticket has no customer to merge another one into'),
  merge_same_customer: () =>
    text(
      '不能把客户与其自身合并，请选择另一位客户',
      'A customer cannot be merged with itself; choose another one',
    ),
  email_channel_off: () => text('邮件渠道未开启', 'The email channel is switched off'),
  email_recipient_unknown: (p: Params) =>
    text(
      `收件人 ${s(p.to)} 不是已设置的客服邮箱`,
      `The recipient ${s(p.to)} is not one of the configured support addresses`,
    ),
  email_media_type: () =>
    text(
      '请求体必须是原始邮件（Content-Type: message/rfc822、text/plain 或 application/octet-stream）',
      'The body must be a raw email (Content-Type: message/rfc822, text/plain or application/octet-stream)',
    ),
  voice_channel_off: () => text('语音渠道未开启', 'The voice channel is switched off'),
  voice_transcript_empty: () =>
    text('通话转写内容为空，无法创建请求', 'The call transcript is empty, so no request can be made from it'),
  wechat_channel_off: () =>
    text(
      '微信渠道未开启或尚未设置令牌（Token）',
      'The WeChat channel is switched off or its token is not set',
    ),
  wechat_signature_invalid: () => text('微信签名缺失或不正确', 'The WeChat signature is missing or wrong'),
  wechat_timestamp_stale: () =>
    text(
      '微信请求的时间戳与服务器时间相差超过 5 分钟',
      'The WeChat request’s timestamp is more than 5 minutes from the server’s clock',
    ),
  wechat_nonce_reused: () =>
    text(
      '此微信请求的随机数（nonce）已用于另一条消息',
      'This WeChat request’s nonce was already used for another message',
    ),
  wechat_secret_required: () =>
    text(
      '修改 AppID 或接口地址时必须同时重新填写 AppSecret',
      'Changing the AppID or the API address requires entering the AppSecret again',
    ),
  wechat_xml_forbidden: () =>
    text('不接受含 DOCTYPE 或实体声明的 XML', 'XML with a DOCTYPE or entity declarations is not accepted'),
  wechat_xml_invalid: (p: Params) =>
    text(
      `不是有效的微信消息 XML：${s(p.detailZh)}`,
      `This is not a valid WeChat message XML: ${s(p.detailEn)}`,
    ),
  widget_disabled: () => text('网页客服窗口未开启', 'The web chat widget is switched off'),
  widget_no_allowed_origins: () =>
    text(
      '客服窗口尚未开放：请管理员在“设置 → 渠道”中至少添加一个允许嵌入的网站地址',
      'The chat widget is not open yet: an admin must add at least one website address in Settings → Channels',
    ),
  widget_origin_refused: () =>
    text('此网站未被允许嵌入客服窗口', 'This website is not allowed to embed the chat widget'),
  widget_rate_limited: (p: Params) =>
    text(`发送过于频繁，请 ${s(p.seconds)} 秒后再试`, `Too many messages; try again in ${s(p.seconds)} s`),
  widget_token_invalid: () => text('会话凭据无效', 'The conversation token is not valid'),
  widget_conversation_not_found: () => text('找不到此会话', 'This conversation does not exist'),
  widget_contact_invalid: () =>
    text('联系方式应为手机号或邮箱地址', 'The contact must be a phone number or an email address'),
  widget_category_invalid: () => text('请选择列表中的问题类别', 'Choose one of the listed categories'),
  widget_script_missing: () =>
    text('客服窗口脚本尚未构建（npm run build）', 'The widget script has not been built (npm run build)'),
  ...PEOPLE_MESSAGES,
  ...APPROVAL_MESSAGES,
  ...METRICS_MESSAGES,
  ...SHADOW_RUN_MESSAGES,
  ...THRESHOLD_WHAT_IF_MESSAGES,
  ...SURVEY_MESSAGES,
  ...ANALYTICS_MESSAGES,
  ...ANOMALY_MESSAGES,
  ...FLOW_ANALYTICS_MESSAGES,
  ...REPORT_MESSAGES,
  internal: (p: Params) =>
    text(
      `服务器内部出错（这是我们的问题，编号 ${s(p.ref)}）`,
      `The server failed internally (our fault; reference ${s(p.ref)})`,
    ),
} satisfies Record<string, (p: Params) => LocalizedText>;

export type HttpMessageCode = keyof typeof HTTP_MESSAGES;

export function httpMessage(code: HttpMessageCode, params: Params = {}): LocalizedText {
  return HTTP_MESSAGES[code](params);
}
