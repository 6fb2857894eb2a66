import { type LocalizedText, text } from '@flowdesk/model';

/**
 * The one-line outcome the executions list shows for each execution: where it
 * ended, what it waits for, or what failed. `step` and `waitFor` arrive as
 * `{ zh-CN, en }` pairs (a step's own label, or its type's label).
 */
type Pair = LocalizedText;
type Params = Readonly<{ step: Pair; detail?: Pair; waitFor?: Pair }>;

const zh = (pair: Pair | undefined) => pair?.['zh-CN'] ?? '';
const en = (pair: Pair | undefined) => pair?.en ?? '';

export const EXECUTION_OUTCOME_TEXT = {
  completed: (p: Params) => text(`已完成，结束于「${zh(p.step)}」`, `Finished at "${en(p.step)}"`),
  cancelled: (p: Params) => text(`已取消，停在「${zh(p.step)}」`, `Cancelled at "${en(p.step)}"`),
  failed: (p: Params) =>
    text(`在「${zh(p.step)}」失败：${zh(p.detail)}`, `Failed at "${en(p.step)}": ${en(p.detail)}`),
  waitingEvent: (p: Params) =>
    text(`在「${zh(p.step)}」等待：${zh(p.waitFor)}`, `Waiting at "${en(p.step)}" for: ${en(p.waitFor)}`),
  waitingTimer: (p: Params) =>
    text(`在「${zh(p.step)}」等待到点后继续`, `Waiting at "${en(p.step)}" until its time comes`),
  running: (p: Params) => text(`正在执行「${zh(p.step)}」`, `Running "${en(p.step)}"`),
  failedWithoutIncident: (p: Params) => text(`在「${zh(p.step)}」失败`, `Failed at "${en(p.step)}"`),
} satisfies Record<string, (p: Params) => LocalizedText>;

export type ExecutionOutcomeCode = keyof typeof EXECUTION_OUTCOME_TEXT;
