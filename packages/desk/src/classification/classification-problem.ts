import { type LocalizedText, text } from '@flowdesk/model';

/**
 * Every text classification shows people, by stable code (tests and tools match
 * the code; the words may improve).
 */
type Params = Record<string, string | number | undefined>;
const s = (value: string | number | undefined) => String(value ?? '');

export const CLASSIFICATION_MESSAGES = {
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
} satisfies Record<string, (p: Params) => LocalizedText>;

export type ClassificationMessageCode = keyof typeof CLASSIFICATION_MESSAGES;

export function isClassificationMessageCode(code: string): code is ClassificationMessageCode {
  return Object.hasOwn(CLASSIFICATION_MESSAGES, code);
}

export function classificationMessage(code: ClassificationMessageCode, params: Params = {}): LocalizedText {
  return CLASSIFICATION_MESSAGES[code](params);
}

/** A problem with data the user supplied (a file, a tree, a stored model), translated. */
export interface ClassificationProblem {
  readonly code: ClassificationMessageCode;
  readonly message: LocalizedText;
  /** 1-based line of a CSV file, when the problem is in one. */
  readonly line?: number;
  /** `categories[0].children[1].id`, when the problem is in a category tree. */
  readonly path?: string;
}

export function problem(
  code: ClassificationMessageCode,
  params: Params = {},
  where: { line?: number; path?: string } = {},
): ClassificationProblem {
  return { code, message: classificationMessage(code, params), ...where };
}
