import { type Locale, type LocalizedText, TICKET_STATUSES, text } from '@flowdesk/model';

/**
 * Every text the desk shows people, by stable code (tests, stored step errors
 * and tools keep the code; the words may improve): desk refusals, notification
 * failures and classification problems.
 */
type Params = Readonly<Record<string, string | number | undefined>>;
const s = (value: string | number | undefined) => String(value ?? '');

const WHAT: Readonly<Record<string, LocalizedText>> = {
  ticket: text('工单', 'Ticket'),
  customer: text('客户', 'Customer'),
  team: text('团队', 'Team'),
  agent: text('坐席', 'Agent'),
};

/** What an agent's reply on each channel needs to reach the customer. */
const CONTACT_BY_CHANNEL: Readonly<Record<string, LocalizedText>> = {
  email: text('邮箱地址', 'email address'),
  phone: text('手机号', 'phone number'),
  wechat: text('微信账号（OpenID）', 'WeChat account (OpenID)'),
  chat: text('进行中的在线会话', 'chat conversation'),
  web_form: text('进行中的网页会话', 'web form conversation'),
};

function statusLabel(status: string, locale: Locale): string {
  const labels: Readonly<Record<string, LocalizedText>> = TICKET_STATUSES.labels;
  return Object.hasOwn(labels, status) ? (labels[status]?.[locale] ?? status) : status;
}

/** `allowed` travels as a comma-separated list of status values, so it fits a stored param. */
function statusList(allowed: string | number | undefined, locale: Locale): string {
  const statuses = s(allowed).split(',').filter(Boolean);
  if (statuses.length === 0) return locale === 'zh-CN' ? '无' : 'none';
  return statuses.map((status) => statusLabel(status, locale)).join(locale === 'zh-CN' ? '、' : ', ');
}

export const DESK_MESSAGES = {
  // Desk operations refused (become API errors and activity failures).
  'desk.not_found': (p: Params) => {
    const what = WHAT[s(p.what)] ?? text(s(p.what), s(p.what));
    return text(`${what['zh-CN']} ${s(p.id)} 不存在`, `${what.en} ${s(p.id)} does not exist`);
  },
  'desk.invalid_transition': (p: Params) =>
    text(
      `工单状态不能从“${statusLabel(s(p.from), 'zh-CN')}”改为“${statusLabel(s(p.to), 'zh-CN')}”；可以改为：${statusList(p.allowed, 'zh-CN')}`,
      `A ticket cannot go from "${statusLabel(s(p.from), 'en')}" to "${statusLabel(s(p.to), 'en')}"; it can go to: ${statusList(p.allowed, 'en')}`,
    ),
  'desk.solution_required': () =>
    text('解决工单时必须填写解决方案摘要', 'Resolving a ticket needs a solution summary'),
  'desk.solution_too_long': (p: Params) =>
    text(
      `解决方案摘要最多 ${s(p.limit)} 个字符`,
      `The solution summary must be at most ${s(p.limit)} characters`,
    ),
  'desk.customer_unknown': () =>
    text(
      '请求中没有可识别客户的手机号、邮箱或渠道账号',
      'The request has no phone, email or channel account to identify the customer by',
    ),
  'desk.already_claimed': (p: Params) =>
    text(
      `工单 ${s(p.id)} 已由 ${s(p.assignee)} 认领，未做更改；如需接手请先让其释放或请主管改派`,
      `Ticket ${s(p.id)} is already claimed by ${s(p.assignee)}; nothing was changed. Ask them to release it or a supervisor to reassign it`,
    ),
  'desk.not_claimed': (p: Params) =>
    text(
      `工单 ${s(p.id)} 不在你的名下，无法释放`,
      `Ticket ${s(p.id)} is not assigned to you, so you cannot release it`,
    ),
  'desk.no_contact': (p: Params) => {
    const how =
      CONTACT_BY_CHANNEL[s(p.channel)] ??
      text(`${s(p.channel)} 渠道的联系方式`, `contact on ${s(p.channel)}`);
    return text(
      `客户没有${how['zh-CN']}，回复未发送`,
      `The customer has no ${how.en}, so the reply was not sent`,
    );
  },
  'desk.no_ticket': () =>
    text(
      '流程数据中没有工单：请先创建工单或由工单事件触发',
      'The flow has no ticket: create one first or start from a ticket event',
    ),
  'desk.customer_not_found': () => text('没有找到这位客户', 'No customer matches this request'),

  // Notification warnings and failures (step log and incidents) and survey invitations.
  'notification.field_missing': (p: Params) =>
    text(
      `消息模板引用的字段「${s(p.field)}」没有值，消息中此处为空白（或模板用 default 给出的文字）`,
      `The message template names "${s(p.field)}", which has no value; the message has nothing there (or the template's default text)`,
    ),
  'notification.template_not_found': (p: Params) =>
    text(
      `找不到消息模板「${s(p.id)}」，请在设置中创建或更换模板`,
      `Message template "${s(p.id)}" does not exist; create it in settings or pick another`,
    ),
  'notification.template_failed': (p: Params) =>
    text(`消息模板无法生成：${s(p.detail)}`, `The message template could not be rendered: ${s(p.detail)}`),
  'notification.no_recipient': () =>
    text(
      '找不到收件人：客户没有对应的联系方式',
      'No recipient: the customer has no contact for this channel',
    ),
  'notification.survey_subject': () => text('请为我们的服务打分', 'Please rate our service'),
  'notification.survey_link': (p: Params) => text(`点击链接作答：${s(p.link)}`, `Answer here: ${s(p.link)}`),

  // Classification: category trees, stored models, labelled CSV files, evaluation.
  'category.duplicate_id': (p: Params) =>
    text(`分类编号重复：${s(p.ids)}`, `Category ids must be unique; repeated: ${s(p.ids)}`),
  'category.too_deep': (p: Params) =>
    text(
      `分类「${s(p.id)}」位于第 ${s(p.depth)} 层；分类最多三层`,
      `Category "${s(p.id)}" is at level ${s(p.depth)}; categories have at most three levels`,
    ),
  'category.invalid_id': () =>
    text(
      '分类编号只能使用小写字母、数字、下划线和连字符',
      'A category id may use lower-case letters, digits, underscores and hyphens only',
    ),
  'category.name_missing': () =>
    text('分类需要中文和英文名称', 'A category needs a name in Chinese and in English'),
  'category.invalid': () => text('分类设置有误', 'A category setting is not valid'),
  'model.malformed': (p: Params) =>
    text(`保存的分类模型已损坏：${s(p.detail)}`, `The stored classifier model is damaged: ${s(p.detail)}`),
  'model.unsupported_version': (p: Params) =>
    text(
      `分类模型格式版本 ${s(p.version)} 不受支持，请重新训练`,
      `Classifier model format version ${s(p.version)} is not supported; retrain the model`,
    ),
  'csv.unterminated_quote': (p: Params) =>
    text(`第 ${s(p.line)} 行开始的引号没有闭合`, `The quote opened on line ${s(p.line)} is never closed`),
  'csv.text_after_quote': (p: Params) =>
    text(
      `第 ${s(p.line)} 行：引号闭合后、逗号之前还有文字`,
      `Line ${s(p.line)}: there is text after a closing quote and before the comma`,
    ),
  'csv.quote_inside_text': (p: Params) =>
    text(
      `第 ${s(p.line)} 行：未加引号的文字中有双引号；请把整格用双引号括起，并把其中的双引号写两遍（""）`,
      `Line ${s(p.line)}: a double quote inside unquoted text; put the whole field in double quotes and double the quote inside ("")`,
    ),
  'csv.unreadable': (p: Params) =>
    text(
      `第 ${s(p.line)} 行无法按 CSV 读取；请用表格软件另存为 CSV（UTF-8）`,
      `Line ${s(p.line)} cannot be read as CSV; save the file again as CSV (UTF-8) from a spreadsheet`,
    ),
  'csv.bad_header': (p: Params) =>
    text(
      `第一行必须是表头 text,label，实际为「${s(p.found)}」`,
      `The first line must be the header text,label; found "${s(p.found)}"`,
    ),
  'csv.wrong_field_count': (p: Params) =>
    text(
      `第 ${s(p.line)} 行有 ${s(p.count)} 列，应为 2 列（text,label）；含逗号的文字请用双引号括起`,
      `Line ${s(p.line)} has ${s(p.count)} fields instead of 2 (text,label); quote texts that contain commas`,
    ),
  'csv.empty_field': (p: Params) =>
    text(`第 ${s(p.line)} 行的文字或标签为空`, `Line ${s(p.line)} has an empty text or label`),
  'csv.no_rows': () => text('文件中没有数据行', 'The file has no data rows'),
  'eval.too_few_examples': (p: Params) =>
    text(
      `${s(p.folds)} 折交叉验证至少需要 ${s(p.folds)} 条样本，现有 ${s(p.count)} 条`,
      `${s(p.folds)}-fold cross-validation needs at least ${s(p.folds)} examples; there are ${s(p.count)}`,
    ),
  'eval.single_label': () =>
    text('评估至少需要两个不同的标签', 'Evaluation needs at least two different labels'),
  'eval.unknown_labels': (p: Params) =>
    text(
      `评估集中的标签「${s(p.labels)}」不是该分类步骤的分类；可用：${s(p.categories)}`,
      `The labels "${s(p.labels)}" in the evaluation set are not categories of this Classify step; available: ${s(p.categories)}`,
    ),
} satisfies Record<string, (p: Params) => LocalizedText>;

export type DeskMessageCode = keyof typeof DESK_MESSAGES;
export type DeskMessageParams = Params;

export function isDeskMessageCode(code: string): code is DeskMessageCode {
  return Object.hasOwn(DESK_MESSAGES, code);
}

export function deskMessage(code: DeskMessageCode, params: Params = {}): LocalizedText {
  return DESK_MESSAGES[code](params);
}
