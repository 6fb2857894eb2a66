import { describe, expect, it } from 'vitest';
import { leafCategories, leafIds, pathOf, validateCategoryTree } from './category-tree.schema.ts';

const name = (zh: string, en: string) => ({ 'zh-CN': zh, en });

interface RawNode {
  id: string;
  name: { 'zh-CN': string; en: string };
  keywords?: string[];
  examples?: string[];
  children?: RawNode[];
}

const RETAIL: { categories: RawNode[] } = {
  categories: [
    {
      id: 'pre-sale',
      name: name('售前', 'Pre-sale'),
      children: [
        { id: 'product', name: name('产品咨询', 'Product'), keywords: ['尺码'] },
        { id: 'price', name: name('价格', 'Price') },
      ],
    },
    {
      id: 'after-sale',
      name: name('售后', 'After-sale'),
      children: [
        {
          id: 'returns',
          name: name('退换货', 'Returns'),
          children: [
            { id: 'damaged', name: name('商品破损', 'Damaged'), examples: ['杯子碎了'] },
            { id: 'wrong_size', name: name('尺码不合适', 'Wrong size') },
          ],
        },
        { id: 'complaint', name: name('投诉', 'Complaint') },
      ],
    },
  ],
};

function problemsOf(input: unknown) {
  const check = validateCategoryTree(input);
  if (check.ok) throw new Error('expected problems');
  return check.problems;
}

describe('category tree', () => {
  it('accepts three levels and lists the leaves in tree order', () => {
    const check = validateCategoryTree(RETAIL);
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(leafIds(check.tree)).toEqual(['product', 'price', 'damaged', 'wrong_size', 'complaint']);
    expect(pathOf(check.tree, 'damaged')?.map((node) => node.id)).toEqual([
      'after-sale',
      'returns',
      'damaged',
    ]);
    expect(pathOf(check.tree, 'pre-sale')?.map((node) => node.name.en)).toEqual(['Pre-sale']);
    expect(pathOf(check.tree, 'nope')).toBeUndefined();
    expect(leafCategories(check.tree)[0]).toEqual({ id: 'product', keywords: ['尺码'], examples: [] });
    expect(leafCategories(check.tree)[2]).toEqual({ id: 'damaged', keywords: [], examples: ['杯子碎了'] });
  });

  it('refuses a fourth level, naming the category, in both languages', () => {
    const deep = structuredClone(RETAIL);
    const damaged = deep.categories[1]?.children?.[0]?.children?.[0] as RawNode;
    damaged.children = [{ id: 'glass', name: name('玻璃', 'Glass') }];
    const [problem] = problemsOf(deep);
    expect(problem?.code).toBe('category.too_deep');
    expect(problem?.path).toBe('categories[1].children[0].children[0].children[0]');
    expect(problem?.message.en).toContain('"glass" is at level 4');
    expect(problem?.message['zh-CN']).toContain('最多三层');
  });

  it('refuses repeated ids anywhere in the tree', () => {
    const repeated = structuredClone(RETAIL);
    repeated.categories[0]?.children?.push({ id: 'complaint', name: name('投诉', 'Complaint') });
    const problems = problemsOf(repeated);
    expect(problems.map((problem) => problem.code)).toEqual(['category.duplicate_id']);
    expect(problems[0]?.message['zh-CN']).toBe('分类编号重复：complaint');
  });

  it('explains bad ids, missing names and unknown settings, translated', () => {
    const problems = problemsOf({
      categories: [
        { id: 'Bad Id', name: name('好', 'Good') },
        { id: 'no-en', name: { 'zh-CN': '只有中文', en: ' ' } },
        { id: 'extra', name: name('多', 'Extra'), colour: 'red' },
      ],
    });
    expect(problems.map((problem) => [problem.code, problem.path])).toEqual([
      ['category.invalid_id', 'categories[0].id'],
      ['category.name_missing', 'categories[1].name.en'],
      ['category.invalid', 'categories[2]'],
    ]);
    expect(problems[2]?.message['zh-CN']).toContain('colour');
    expect(problemsOf({ categories: [] })[0]?.message.en).toBe('needs at least 1 item(s)');
  });
});
