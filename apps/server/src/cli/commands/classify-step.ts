import type { CategoryEvaluationReport, ClassifierCategory } from '@flowdesk/desk';
import {
  getNodeType,
  type Locale,
  type LocalizedText,
  type NodeConfig,
  readFlowDocument,
  text,
  validateNodeConfig,
} from '@flowdesk/model';
import { readJsonFile } from '../check-flow-file.ts';
import { printable } from '../problem-format.ts';

/*
 * `classify eval <set.csv> --flow <flow.json>`: the Classify step of a flow file
 * (a template's, or one exported from the editor) answers a labelled set it was
 * not trained on.
 */

const STEP_TEXT = {
  notAFlow: (file: string) =>
    text(`「${file}」不是可读取的流程文件`, `"${file}" is not a readable flow file`),
  noClassifyStep: (file: string) =>
    text(`流程「${file}」中没有智能分类步骤`, `The flow "${file}" has no Classify step`),
  severalSteps: (file: string, ids: string) =>
    text(
      `流程「${file}」有多个智能分类步骤（${ids}），请用 --node 指定一个`,
      `The flow "${file}" has several Classify steps (${ids}); pick one with --node`,
    ),
  noSuchStep: (id: string, ids: string) =>
    text(
      `没有编号为「${id}」的智能分类步骤；可用：${ids}`,
      `There is no Classify step with id "${id}"; available: ${ids}`,
    ),
  badStep: (id: string, detail: LocalizedText) =>
    text(
      `智能分类步骤「${id}」的设置有误：${detail['zh-CN']}`,
      `The Classify step "${id}" is not valid: ${detail.en}`,
    ),
  nodeWithoutFlow: text('--node 只能与 --flow 一起使用', '--node can only be used with --flow'),
  heading: (file: string, flow: string, node: string, r: CategoryEvaluationReport) =>
    text(
      `${file}：${r.examples} 条样本，${r.labels} 个标签；由流程 ${flow} 的分类步骤「${node}」判断（模型用其 ${r.trainingExamples} 条示例句子训练，未见过这些样本）`,
      `${file}: ${r.examples} examples, ${r.labels} labels, answered by the Classify step "${node}" of ${flow} (model trained on its ${r.trainingExamples} example phrases, none of these texts)`,
    ),
  keywordShare: text('由关键词判断的比例', 'Decided by a keyword'),
} satisfies Record<string, LocalizedText | ((...args: never[]) => LocalizedText)>;

export const CLASSIFY_STEP_TEXT = STEP_TEXT;

export interface ClassifyStep {
  readonly nodeId: string;
  readonly categories: readonly ClassifierCategory[];
  readonly threshold: number;
}

export type ClassifyStepRead =
  | { readonly ok: true; readonly step: ClassifyStep }
  | { readonly ok: false; readonly problem: { readonly code: string; readonly message: LocalizedText } };

const fault = (code: string, message: LocalizedText): ClassifyStepRead => ({
  ok: false,
  problem: { code, message },
});

/** The Classify step of a flow file: its categories (keywords and example phrases) and threshold. */
export async function readClassifyStep(
  path: string,
  nodeId: string | undefined,
  cwd: string,
): Promise<ClassifyStepRead> {
  const file = printable(path);
  const json = await readJsonFile(path, cwd);
  if (!json.ok) {
    const first = json.check.problems[0];
    return fault('flow.unreadable', first?.message ?? STEP_TEXT.notAFlow(file));
  }
  const document = readFlowDocument(json.value);
  if (!document.ok) return fault('flow.unreadable', STEP_TEXT.notAFlow(file));
  const steps = document.graph.nodes.filter((node) => node.type === 'logic.classify');
  const ids = steps.map((node) => printable(node.id)).join(', ');
  if (steps.length === 0) return fault('flow.no_classify_step', STEP_TEXT.noClassifyStep(file));
  if (nodeId === undefined && steps.length > 1)
    return fault('flow.several_classify_steps', STEP_TEXT.severalSteps(file, ids));
  const node = nodeId === undefined ? steps[0] : steps.find((candidate) => candidate.id === nodeId);
  if (!node) return fault('flow.no_such_step', STEP_TEXT.noSuchStep(printable(nodeId ?? ''), ids));
  const definition = getNodeType('logic.classify');
  const check = definition ? validateNodeConfig(definition, node.config) : undefined;
  if (!check?.ok) {
    const detail = check?.problems[0]?.message ?? text('', '');
    return fault('flow.invalid_step', STEP_TEXT.badStep(printable(node.id), detail));
  }
  // The catalog's schema has just parsed it, so it has the step's config type.
  const config = check.config as NodeConfig<'logic.classify'>;
  return {
    ok: true,
    step: { nodeId: node.id, categories: config.categories, threshold: config.threshold },
  };
}

export function stepReportLines(report: CategoryEvaluationReport, locale: Locale): Array<[string, string]> {
  return [[STEP_TEXT.keywordShare[locale], `${(report.keywordShare * 100).toFixed(1)} %`]];
}
