import { describe, expect, it } from 'vitest';
import { loadTemplates } from './template-loader.ts';

/**
 * Agents and customers read the templates in Chinese or English: every Classify
 * category a template's flows sort into is named in both languages, so an
 * English agent's category dropdown, inbox and reports never show only Chinese.
 */
describe('templates in both languages', async () => {
  const loads = await loadTemplates();

  it('finds the five industry templates', () => {
    expect(loads.filter((load) => load.ok)).toHaveLength(5);
  });

  for (const load of loads) {
    if (!load.ok) continue;
    const { manifest, flows } = load.template;
    it(`${manifest.id}: every Classify category has a Chinese and an English name`, () => {
      const categories = flows.flatMap((flow) =>
        flow.graph.nodes
          .filter((node) => node.type === 'logic.classify')
          .flatMap(
            (node) => (node.config as { categories: Array<{ id: string; label: unknown }> }).categories,
          )
          .map((category) => ({ flow: flow.file, ...category })),
      );
      expect(categories.length).toBeGreaterThan(0);
      const unnamed = categories.filter((category) => {
        const label = category.label as Record<string, unknown> | string;
        return (
          typeof label !== 'object' ||
          typeof label['zh-CN'] !== 'string' ||
          !label['zh-CN'].trim() ||
          typeof label.en !== 'string' ||
          !label.en.trim() ||
          // An English name is not the Chinese one copied.
          label.en === label['zh-CN']
        );
      });
      expect(unnamed.map((category) => `${category.flow} ${category.id}`)).toEqual([]);
    });
  }
});
