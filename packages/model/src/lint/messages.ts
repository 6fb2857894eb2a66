import { type LocalizedText, text } from '../i18n.ts';

/**
 * Every user-facing text of validation and lint, by code. A problem's code is
 * stable (tests and tools match on it); its words may improve.
 */
type Params = Record<string, string | number | undefined>;
type MessageFn = (p: Params) => LocalizedText;

const s = (value: string | number | undefined) => String(value ?? '');

export const MESSAGES = {
  // Shapes of values (config fields).
  'value.required': () => text('必须填写', 'is required'),
  'value.wrong_type': (p) => text(`类型不对，应为${s(p.expectedZh)}`, `must be ${s(p.expectedEn)}`),
  'value.too_small_number': (p) => text(`不能小于 ${s(p.limit)}`, `must be at least ${s(p.limit)}`),
  'value.too_small_exclusive': (p) => text(`必须大于 ${s(p.limit)}`, `must be greater than ${s(p.limit)}`),
  'value.too_big_number': (p) => text(`不能大于 ${s(p.limit)}`, `must be at most ${s(p.limit)}`),
  'value.too_short_text': (p) =>
    text(`至少需要 ${s(p.limit)} 个字符`, `needs at least ${s(p.limit)} characters`),
  'value.too_long_text': (p) => text(`最多 ${s(p.limit)} 个字符`, `must be at most ${s(p.limit)} characters`),
  'value.too_few_items': (p) => text(`至少需要 ${s(p.limit)} 项`, `needs at least ${s(p.limit)} item(s)`),
  'value.too_many_items': (p) => text(`最多 ${s(p.limit)} 项`, `must have at most ${s(p.limit)} items`),
  'value.not_integer': () => text('必须是整数', 'must be a whole number'),
  'value.not_one_of': (p) => text(`必须是以下之一：${s(p.values)}`, `must be one of: ${s(p.values)}`),
  'value.unknown_keys': (p) =>
    text(`包含无法识别的设置：${s(p.keys)}`, `has settings that are not recognised: ${s(p.keys)}`),
  'value.invalid': () => text('取值无效', 'is not valid'),
  'value.identifier': () =>
    text(
      '只能使用字母、数字和下划线，且不能以数字开头',
      'may use letters, digits and underscores only, and must not start with a digit',
    ),
  'value.slug': () =>
    text(
      '只能使用小写字母、数字、下划线和连字符',
      'may use lower-case letters, digits, underscores and hyphens only',
    ),
  'value.field_path': () =>
    text('必须是数据字段，例如 customer.vipLevel', 'must be a data field such as customer.vipLevel'),
  'value.time_of_day': () =>
    text('必须是 HH:MM 格式的时间，例如 09:30', 'must be a time as HH:MM, e.g. 09:30'),
  'value.date': () => text('必须是 YYYY-MM-DD 格式的日期', 'must be a date as YYYY-MM-DD'),
  'value.workday_is_holiday': (p) =>
    text(
      `${s(p.date)} 同时是节假日和调休工作日，只能是其中之一`,
      `${s(p.date)} is both a holiday and a make-up workday; it can only be one of them`,
    ),
  'value.timezone': () =>
    text('不是有效的时区，例如 Asia/Shanghai', 'is not a known timezone such as Asia/Shanghai'),
  'value.cron': () =>
    text(
      '不是有效的 cron 表达式（分 时 日 月 周，例如 0 9 * * 1-5）',
      'is not a valid cron expression (minute hour day month weekday, e.g. 0 9 * * 1-5)',
    ),
  'value.template_empty': () => text('至少填写一种语言的内容', 'needs text in at least one language'),
  'value.url': () =>
    text('必须是 http:// 或 https:// 开头的网址', 'must be a web address starting with http:// or https://'),
  'value.token_chars': () => text('必须是 3 到 32 个英文字母或数字', 'must be 3 to 32 letters or digits'),
  'value.event_name': () =>
    text(
      '事件名称应为小写并用点分隔，例如 order.shipped',
      'must be lower-case words joined by dots, e.g. order.shipped',
    ),
  'value.duplicate_ids': (p) => text(`编号重复：${s(p.ids)}`, `ids must be unique; repeated: ${s(p.ids)}`),
  'value.reserved_port': (p) =>
    text(`「${s(p.id)}」是保留名称，请换一个`, `"${s(p.id)}" is reserved; choose another id`),
  'value.time_range': () => text('结束时间必须晚于开始时间', 'the end time must be after the start time'),
  'rule.value_required': () => text('需要填写比较的值', 'needs a value to compare with'),
  'rule.value_not_allowed': () => text('此条件不需要值', 'takes no value'),
  'rule.value_list': () => text('需要至少一个值的列表', 'needs a list of at least one value'),
  'rule.value_single': () => text('只能填写一个值', 'takes a single value, not a list'),
  'rule.value_number': () => text('必须是数字或日期', 'must be a number or a date'),
  'rule.value_text': () => text('必须是文字', 'must be text'),
  'rule.value_pattern': () =>
    text(
      '不是有效的匹配模式（正则表达式，最长 200 字符）',
      'is not a valid pattern (regular expression, at most 200 characters)',
    ),
  'rule.value_pattern_unsupported': (p) =>
    text(
      `匹配模式使用了不支持的写法（为防止个别消息拖慢系统，不支持反向引用如 \\1、前后查找如 (?=…)）：${s(p.detail)}`,
      `uses pattern syntax that is not supported (so that no message can slow the system down, backreferences such as \\1 and lookaround such as (?=…) are refused): ${s(p.detail)}`,
    ),
  'rule.value_pattern_complex': () =>
    text(
      '匹配模式过于复杂（重复次数太多），请简化',
      'is too complex a pattern (too many repetitions); simplify it',
    ),
  'config.target_team_missing': () => text('请选择团队', 'choose a team'),
  'config.target_agent_missing': () => text('请选择坐席', 'choose an agent'),
  'config.skills_missing': () => text('技能匹配需要至少一项技能', 'skills matching needs at least one skill'),
  'config.address_missing': () =>
    text('发送给“指定地址”时必须填写地址', 'an address is required when sending to a specific address'),
  'config.webhook_url_missing': () => text('Webhook 需要填写网址', 'a webhook needs a URL'),
  'config.subject_missing': () => text('邮件需要主题', 'an email needs a subject'),
  'config.nothing_to_update': () => text('至少设置一项要修改的内容', 'set at least one thing to change'),
  'config.statuses_missing': () =>
    text('等待工单状态时请选择至少一个状态', 'choose at least one status to wait for'),
  'config.expression_missing': () => text('高级模式需要填写表达式', 'advanced mode needs an expression'),
  'config.expression_pattern_unsupported': (p) =>
    text(
      `.matches("${s(p.pattern)}") 的匹配模式使用了不支持的写法（为防止个别消息拖慢系统，不支持反向引用如 \\1、前后查找如 (?=…)）：${s(p.detail)}`,
      `the pattern in .matches("${s(p.pattern)}") uses syntax that is not supported (so that no message can slow the system down, backreferences such as \\1 and lookaround such as (?=…) are refused): ${s(p.detail)}`,
    ),
  'config.expression_pattern_invalid': (p) =>
    text(
      `.matches("${s(p.pattern)}") 的匹配模式过长或过于复杂（最长 200 字符，重复次数不能太多）`,
      `the pattern in .matches("${s(p.pattern)}") is too long or too complex (at most 200 characters, not too many repetitions)`,
    ),
  'config.body_not_allowed': () =>
    text('GET 和 DELETE 请求不能带请求体', 'GET and DELETE requests cannot have a body'),
  'config.body_missing': () =>
    text('请填写消息内容，或选择一个消息模板', 'write the message or choose a message template'),
  'value.address': () =>
    text(
      '必须是邮箱、手机号或 http(s) 网址',
      'must be an email address, a phone number or a web address starting with http(s)://',
    ),
  'value.header_name': () =>
    text('不能包含空格或冒号，例如 X-Api-Key', 'cannot contain spaces or colons, e.g. X-Api-Key'),
  'value.response_path': () =>
    text(
      '必须是返回内容中的字段路径，例如 data.status 或 items.0.name',
      'must be a path in the response such as data.status or items.0.name',
    ),

  // Lint problems.
  'flow.not_a_flow': (p) =>
    text(`这不是一个流程文件：${s(p.detailZh)}`, `This is not a flow file: ${s(p.detailEn)}`),
  'node.unknown_type': (p) => text(`未知的节点类型「${s(p.type)}」`, `Unknown node type "${s(p.type)}"`),
  'node.duplicate_id': (p) =>
    text(`节点编号「${s(p.id)}」重复`, `Node id "${s(p.id)}" is used more than once`),
  'node.invalid_config': (p) =>
    text(`${s(p.labelZh)}：${s(p.problemZh)}`, `${s(p.labelEn)}: ${s(p.problemEn)}`),
  'node.unreachable': (p) =>
    Number(p.following ?? 0) > 0
      ? text(
          `此节点无法从触发器到达，它和其后的 ${s(p.following)} 个步骤都永远不会执行：请把它连到前面的步骤上`,
          `This node cannot be reached from the trigger, so neither it nor the ${s(p.following)} step${Number(p.following) === 1 ? '' : 's'} after it will ever run: connect it to a step before it`,
        )
      : text(
          '此节点无法从触发器到达，永远不会执行',
          'This node cannot be reached from the trigger and will never run',
        ),
  'edge.duplicate_id': (p) =>
    text(`连线编号「${s(p.id)}」重复`, `Edge id "${s(p.id)}" is used more than once`),
  'edge.dangling': (p) =>
    text(
      `连线 ${s(p.edge)} 指向不存在的节点「${s(p.node)}」`,
      `Edge ${s(p.edge)} points to a node that does not exist: "${s(p.node)}"`,
    ),
  'edge.unknown_port': (p) =>
    text(`节点没有名为「${s(p.port)}」的出口`, `The node has no output named "${s(p.port)}"`),
  'edge.duplicate': () => text('同样的连线出现了不止一次', 'The same connection appears more than once'),
  'edge.into_trigger': () => text('触发器不能作为连线的终点', 'A connection cannot lead into a trigger'),
  'port.fan_out': (p) =>
    text(
      `出口「${s(p.portZh)}」连了多条线；请把步骤依次串联`,
      `Output "${s(p.portEn)}" has several connections; chain the steps one after another`,
    ),
  'port.unconnected': (p) =>
    text(`出口「${s(p.portZh)}」尚未连接`, `Output "${s(p.portEn)}" is not connected`),
  'flow.no_trigger': () => text('流程需要一个触发器作为起点', 'The flow needs a trigger to start from'),
  'flow.multiple_triggers': (p) =>
    text(
      `一个流程只能有一个触发器，这里有 ${s(p.count)} 个`,
      `A flow has exactly one trigger; this one has ${s(p.count)}`,
    ),
  'flow.cycle_without_wait': (p) =>
    text(
      `这些节点构成了一个没有等待步骤的循环：${s(p.nodes)}。请在循环中加入“等待”节点`,
      `These nodes form a loop with no wait in it: ${s(p.nodes)}. Add a Wait step to the loop`,
    ),
  'switch.unreachable_case': (p) =>
    text(
      `分支「${s(p.case)}」永远不会命中：前面的分支「${s(p.by)}」已经覆盖了它`,
      `Case "${s(p.case)}" can never match: the earlier case "${s(p.by)}" already covers it`,
    ),
  'field.unknown': (p) =>
    text(`「${s(p.path)}」不是已知的数据字段`, `"${s(p.path)}" is not a known data field`),
  'field.not_yet_available': (p) =>
    text(
      `「${s(p.path)}」在此处还不可用：前面的步骤没有提供它${s(p.hintZh)}`,
      `"${s(p.path)}" is not available here: no earlier step provides it${s(p.hintEn)}`,
    ),
  'field.may_be_empty': (p) =>
    text(
      `“${s(p.nodeZh)}”中的 {{ ${s(p.path)} }} 在此处可能没有值${s(p.reasonZh)}，读到的人会看到一处空白。请写上默认值，例如 {{ ${s(p.path)} | default: "${s(p.fallbackZh)}" }}，或把它放进 {% if ${s(p.path)} %}…{% endif %}`,
      `{{ ${s(p.path)} }} in "${s(p.nodeEn)}" may have no value here${s(p.reasonEn)}, leaving a gap in what people read. Give a fallback such as {{ ${s(p.path)} | default: "${s(p.fallbackEn)}" }}, or put it inside {% if ${s(p.path)} %}…{% endif %}`,
    ),
  'reference.unknown': (p) =>
    text(
      `「${s(p.value)}」不是本工作区中的${s(p.kindZh)}，运行时会失败。请从列表中选择`,
      `"${s(p.value)}" is not a ${s(p.kindEn)} of this workspace, so the step fails when it runs. Pick one from the list`,
    ),
  'reference.label_not_id': (p) =>
    text(
      `「${s(p.value)}」是${s(p.kindZh)}的名称而不是编号：请改用${s(p.kindZh)}「${s(p.labelZh)}」（编号 \`${s(p.id)}\`）`,
      `"${s(p.value)}" is the name of a ${s(p.kindEn)}, not its id: use the ${s(p.kindEn)} ${s(p.labelEn)} (id \`${s(p.id)}\`)`,
    ),
  'category.label_not_id': (p) =>
    text(
      `「${s(p.value)}」是分类的名称，而 ${s(p.field)} 的值是分类编号，这个比较永远不成立：请改用分类「${s(p.labelZh ?? p.label)}」（编号 \`${s(p.id)}\`）`,
      `"${s(p.value)}" is a category's label, but ${s(p.field)} holds category ids, so this comparison never holds: use the category ${s(p.labelEn ?? p.label)} (id \`${s(p.id)}\`)`,
    ),
  'category.unknown_value': (p) =>
    text(
      `「${s(p.value)}」不是前面的“智能分类”步骤给出的分类，${s(p.field)} 在此处只会是：${s(p.ids)}`,
      `"${s(p.value)}" is not a category of the Classify step before this one; ${s(p.field)} can only be ${s(p.ids)} here`,
    ),
  'rule.unknown_value': (p) =>
    text(
      `「${s(p.value)}」不是 ${s(p.field)} 的取值，这条规则永远不会成立；可选值：${s(p.values)}`,
      `"${s(p.value)}" is not a value ${s(p.field)} takes, so this rule never holds; it can be: ${s(p.values)}`,
    ),
  'ticket.status_change_refused': (p) =>
    text(
      `工单在此处的状态是「${s(p.fromZh)}」，不能改为「${s(p.toZh)}」（运行时会被拒绝）；可以改为：${s(p.allowedZh)}`,
      `The ticket is ${s(p.fromEn)} here and cannot change to ${s(p.toEn)} (the change is refused when it runs); it can change to: ${s(p.allowedEn)}`,
    ),
  'ticket.status_change_may_be_refused': (p) =>
    text(
      `在某些路径上工单此时的状态是「${s(p.fromZh)}」，从该状态不能改为「${s(p.toZh)}」，这一步会走“出错时”出口`,
      `On some paths the ticket is ${s(p.fromEn)} here, and it cannot change from that to ${s(p.toEn)}; the step then takes its On error output`,
    ),
  'ticket.solution_required': (p) =>
    text(
      `把工单改为「已解决」需要解决方案摘要：请填写“备注”，它会作为解决方案（不填时运行会被拒绝${s(p.someZh)}）`,
      `Resolving the ticket needs a solution summary: write a Note, which becomes the solution (without one the change is refused when it runs${s(p.someEn)})`,
    ),
  'ticket.solution_too_long': (p) =>
    text(
      `备注会作为解决方案摘要，最多 ${s(p.limit)} 个字符，现在是 ${s(p.length)} 个（运行时会被拒绝${s(p.someZh)}）`,
      `The Note becomes the solution summary, which may have at most ${s(p.limit)} characters; it has ${s(p.length)} (the change is refused when it runs${s(p.someEn)})`,
    ),
  'template.unclosed': () =>
    text('模板中有未闭合的 {{ 或 {%', 'The template has a {{ or {% that is never closed'),
} satisfies Record<string, MessageFn>;

export type MessageCode = keyof typeof MESSAGES;

export function isMessageCode(code: string): code is MessageCode {
  return Object.hasOwn(MESSAGES, code);
}

export function message(code: MessageCode, params: Params = {}): LocalizedText {
  return MESSAGES[code](params);
}
