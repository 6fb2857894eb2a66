import type { LocalizedText } from '@flowdesk/model';
import {
  type DeskMessageCode,
  type DeskMessageParams,
  deskMessage,
  isDeskMessageCode,
} from '../desk-messages.ts';

/** The desk catalog's classification codes: category trees, stored models, CSV files, evaluation. */
export type ClassificationMessageCode = Extract<
  DeskMessageCode,
  `category.${string}` | `model.${string}` | `csv.${string}` | `eval.${string}`
>;

const CLASSIFICATION_PREFIXES = ['category.', 'model.', 'csv.', 'eval.'];

export function isClassificationMessageCode(code: string): code is ClassificationMessageCode {
  return isDeskMessageCode(code) && CLASSIFICATION_PREFIXES.some((prefix) => code.startsWith(prefix));
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
  params: DeskMessageParams = {},
  where: { line?: number; path?: string } = {},
): ClassificationProblem {
  return { code, message: deskMessage(code, params), ...where };
}
