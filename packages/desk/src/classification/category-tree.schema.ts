import { type LocalizedText, message } from '@flowdesk/model';
import { z } from 'zod';
import { deskMessage } from '../desk-messages.ts';
import { type ClassificationProblem, isClassificationMessageCode } from './classification-problem.ts';
import type { ClassifierCategory } from './classify.ts';

/*
 * A workspace's categories as a tree of up to three levels, e.g.
 * after-sale → returns → damaged on arrival. Requests are classified into
 * leaves; the upper levels group them for reports and routing.
 */

export const MAX_CATEGORY_DEPTH = 3;
const SLUG_RE = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export interface CategoryNode {
  readonly id: string;
  readonly name: LocalizedText;
  readonly keywords: readonly string[];
  readonly examples: readonly string[];
  readonly children: readonly CategoryNode[];
}

export interface CategoryTree {
  readonly categories: readonly CategoryNode[];
}

const NameTextSchema = z.string().trim().min(1, { error: 'category.name_missing' }).max(100);

export const CategoryNodeSchema: z.ZodType<CategoryNode> = z.strictObject({
  id: z.string().regex(SLUG_RE, { error: 'category.invalid_id' }),
  name: z.strictObject({ 'zh-CN': NameTextSchema, en: NameTextSchema }, { error: 'category.name_missing' }),
  keywords: z.array(z.string().trim().min(1).max(100)).max(200).default([]),
  examples: z.array(z.string().trim().min(1).max(1000)).max(500).default([]),
  get children() {
    return z.array(CategoryNodeSchema).max(100).default([]);
  },
}) as unknown as z.ZodType<CategoryNode>;

function walk(
  nodes: readonly CategoryNode[],
  visit: (node: CategoryNode, depth: number, path: (string | number)[]) => void,
  depth = 1,
  path: (string | number)[] = ['categories'],
): void {
  nodes.forEach((node, index) => {
    const here = [...path, index];
    visit(node, depth, here);
    walk(node.children, visit, depth + 1, [...here, 'children']);
  });
}

export const CategoryTreeSchema = z
  .strictObject({ categories: z.array(CategoryNodeSchema).min(1).max(100) })
  .superRefine((tree, ctx) => {
    const seen = new Set<string>();
    const repeated = new Set<string>();
    walk(tree.categories, (node, depth, path) => {
      if (seen.has(node.id)) repeated.add(node.id);
      seen.add(node.id);
      if (depth > MAX_CATEGORY_DEPTH) {
        ctx.addIssue({ code: 'custom', message: 'category.too_deep', path, params: { id: node.id, depth } });
      }
    });
    if (repeated.size > 0) {
      ctx.addIssue({
        code: 'custom',
        message: 'category.duplicate_id',
        params: { ids: [...repeated].join(', ') },
      });
    }
  });

export type CategoryTreeCheck =
  | { readonly ok: true; readonly tree: CategoryTree }
  | { readonly ok: false; readonly problems: readonly ClassificationProblem[] };

function describe(issue: z.core.$ZodIssue): ClassificationProblem {
  const path = issue.path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('');
  const where = { path: path.replace(/^\./, '') };
  if (isClassificationMessageCode(issue.message)) {
    const params = issue.code === 'custom' ? (issue.params as Record<string, string | number>) : {};
    return { code: issue.message, message: deskMessage(issue.message, params), ...where };
  }
  // Shapes of ordinary values reuse the model's translated texts.
  const text =
    issue.code === 'too_big'
      ? message(issue.origin === 'string' ? 'value.too_long_text' : 'value.too_many_items', {
          limit: Number(issue.maximum),
        })
      : issue.code === 'too_small'
        ? message(issue.origin === 'string' ? 'value.too_short_text' : 'value.too_few_items', {
            limit: Number(issue.minimum),
          })
        : issue.code === 'unrecognized_keys'
          ? message('value.unknown_keys', { keys: issue.keys.join(', ') })
          : issue.code === 'invalid_type'
            ? message('value.required')
            : message('value.invalid');
  return { code: 'category.invalid', message: text, ...where };
}

export function validateCategoryTree(input: unknown): CategoryTreeCheck {
  const parsed = CategoryTreeSchema.safeParse(input);
  if (parsed.success) return { ok: true, tree: parsed.data };
  return { ok: false, problems: parsed.error.issues.map(describe) };
}

/** Ids of the categories requests are classified into, in tree order. */
export function leafIds(tree: CategoryTree): string[] {
  const leaves: string[] = [];
  walk(tree.categories, (node) => {
    if (node.children.length === 0) leaves.push(node.id);
  });
  return leaves;
}

/** The nodes from the top level down to `id`, or undefined if the tree has no such category. */
export function pathOf(tree: CategoryTree, id: string): CategoryNode[] | undefined {
  const search = (nodes: readonly CategoryNode[], above: CategoryNode[]): CategoryNode[] | undefined => {
    for (const node of nodes) {
      const here = [...above, node];
      if (node.id === id) return here;
      const found = search(node.children, here);
      if (found) return found;
    }
    return undefined;
  };
  return search(tree.categories, []);
}

/** The leaves as classifier categories, with their keywords and example phrases. */
export function leafCategories(tree: CategoryTree): ClassifierCategory[] {
  const leaves: ClassifierCategory[] = [];
  walk(tree.categories, (node) => {
    if (node.children.length === 0)
      leaves.push({ id: node.id, keywords: node.keywords, examples: node.examples });
  });
  return leaves;
}
