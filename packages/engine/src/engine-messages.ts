import { type LocalizedText, type MessageParams, scalarParams, text } from './model-imports.ts';

/**
 * Every text the engine shows, by stable code. Node failures reach the
 * execution's incident and the editor's trace; rejections reach the runtime
 * (who must act: operations for incidents, us for rejected inputs).
 */
type Params = Record<string, string | number | undefined>;
const s = (value: string | number | undefined) => String(value ?? '');

export const ENGINE_MESSAGES = {
  // Node failures (become the error port or an incident).
  'engine.step_limit': (p: Params) =>
    text(
      `流程在一次推进中连续执行了 ${s(p.limit)} 个步骤仍未停下，可能陷入了死循环；请在循环中加入“等待”节点`,
      `The flow ran ${s(p.limit)} steps in a row without stopping and is probably stuck in a loop; add a Wait step to the loop`,
    ),
  'engine.expression_failed': (p: Params) =>
    text(`高级表达式计算出错：${s(p.detail)}`, `The advanced expression failed: ${s(p.detail)}`),
  'engine.expression_not_boolean': (p: Params) =>
    text(
      `高级表达式的结果必须是 true 或 false，实际得到 ${s(p.type)}`,
      `The advanced expression must give true or false, but gave ${s(p.type)}`,
    ),
  'engine.evaluation_budget': (p: Params) =>
    p.what === 'expression_cost'
      ? text(
          '条件的计算量超出单个步骤的上限（循环嵌套或数据太大），未执行；请简化条件',
          'The condition would need more work than one step may do (nested loops or too much data) and was not run; simplify it',
        )
      : text(
          '匹配模式要检查的文字太多，超出单个步骤的上限，已停止；请减少匹配次数或缩短模式',
          'Pattern matching needed more work than one step may do and was stopped; match fewer times or use shorter patterns',
        ),
  'engine.pattern_refused': (p: Params) =>
    p.reason === 'unsupported'
      ? text(
          `匹配模式「${s(p.pattern)}」使用了不支持的写法（如反向引用 \\1、前后查找 (?=…)）：${s(p.detail)}`,
          `The pattern "${s(p.pattern)}" uses syntax that is not supported (such as backreferences \\1 or lookaround (?=…)): ${s(p.detail)}`,
        )
      : text(
          `匹配模式「${s(p.pattern)}」过长或过于复杂（最长 200 字符）`,
          `The pattern "${s(p.pattern)}" is too long or too complex (at most 200 characters)`,
        ),
  'engine.calendar_missing': (p: Params) =>
    text(`找不到营业时间日历「${s(p.id)}」`, `The business-hours calendar "${s(p.id)}" was not found`),
  'engine.template_failed': (p: Params) =>
    text(`文字模板无法生成：${s(p.detail)}`, `The text template could not be rendered: ${s(p.detail)}`),
  'engine.template_limit': (p: Params) => {
    switch (p.limit) {
      case 'render':
        return text(
          '文字模板生成时间过长（超过 200 毫秒），已停止；请减少模板中的循环',
          'The text template took too long to render (over 200 ms) and was stopped; use fewer loops in it',
        );
      case 'memory':
        return text(
          '文字模板生成的内容过多（超出内存上限），已停止；请减少模板中的循环或输出',
          'The text template produced too much (over its memory limit) and was stopped; use fewer loops or less output',
        );
      default:
        return text('文字模板太长，无法解析', 'The text template is too long to be read');
    }
  },
  'engine.activity_output_invalid': (p: Params) =>
    text(
      `步骤返回了无法识别的数据：${s(p.detail)}`,
      `The step returned data that is not recognised: ${s(p.detail)}`,
    ),
  'engine.unknown_port': (p: Params) =>
    text(
      `步骤选择了不存在的出口「${s(p.port)}」`,
      `The step chose an output that does not exist: "${s(p.port)}"`,
    ),
  'engine.node_missing': (p: Params) =>
    text(`流程版本中没有节点「${s(p.node)}」`, `The flow version has no node "${s(p.node)}"`),
  'engine.internal_error': (p: Params) =>
    text(
      `引擎内部错误，请联系技术支持：${s(p.detail)}`,
      `Internal engine error; please report it: ${s(p.detail)}`,
    ),

  // Rejected inputs (the state is returned unchanged).
  'engine.stale_seq': (p: Params) =>
    text(
      `回复的序号 ${s(p.got)} 与等待中的命令 ${s(p.expected)} 不符，已忽略`,
      `The answer's seq ${s(p.got)} does not match the pending command ${s(p.expected)}; ignored`,
    ),
  'engine.unexpected_input': (p: Params) =>
    text(
      `当前等待的是「${s(p.pending)}」，不能接受「${s(p.kind)}」`,
      `The execution is waiting for "${s(p.pending)}" and cannot accept "${s(p.kind)}"`,
    ),
  'engine.not_active': (p: Params) =>
    text(
      `执行已处于「${s(p.status)}」状态，不能继续`,
      `The execution is already ${s(p.status)} and cannot go on`,
    ),
  'engine.nothing_to_retry': () =>
    text('只有失败且有事故记录的执行可以重试', 'Only a failed execution with an incident can be retried'),
  'engine.version_mismatch': (p: Params) =>
    text(
      `执行属于流程版本 ${s(p.expected)}，却传入了版本 ${s(p.got)}`,
      `The execution belongs to flow version ${s(p.expected)} but was given ${s(p.got)}`,
    ),
  'engine.invalid_input': (p: Params) =>
    text(`输入格式不正确：${s(p.detail)}`, `The input is malformed: ${s(p.detail)}`),
  'engine.timer_early': (p: Params) =>
    text(`定时器在 ${s(p.until)} 之前触发，已拒绝`, `The timer fired before ${s(p.until)}; refused`),
  'engine.event_not_awaited': (p: Params) =>
    text(
      `收到的事件不是此步骤等待的事件：${s(p.detail)}`,
      `The event is not the one this step waits for: ${s(p.detail)}`,
    ),

  // Compiling a published version.
  'engine.flow_unrunnable': (p: Params) =>
    text(
      `流程版本 ${s(p.flow)} 无法运行，有 ${s(p.count)} 个错误`,
      `Flow version ${s(p.flow)} cannot run: ${s(p.count)} error(s)`,
    ),
} satisfies Record<string, (p: Params) => LocalizedText>;

export type EngineMessageCode = keyof typeof ENGINE_MESSAGES;

export function engineMessage(code: EngineMessageCode, params: Params = {}): LocalizedText {
  return ENGINE_MESSAGES[code](params);
}

export function isEngineMessageCode(code: string): code is EngineMessageCode {
  return Object.hasOwn(ENGINE_MESSAGES, code);
}

/** The text of a stored code and its params (an incident, a step error); undefined for another package's code. */
export function engineText(code: string, params: MessageParams = {}): LocalizedText | undefined {
  return isEngineMessageCode(code) ? ENGINE_MESSAGES[code](scalarParams(params)) : undefined;
}
