import { lintFlow } from '@flowdesk/model';
import { describe, expect, it } from 'vitest';
import { templateItemIds } from './template-ids.ts';
import { loadTemplates } from './template-loader.ts';
import { fillPlaceholders, settingValues } from './template-settings.ts';

/**
 * What a template sends customers and writes into ticket titles never relies
 * on a field a typical request lacks without a fallback: the linter's
 * `field.may_be_empty` warning stays silent for every flow of every template,
 * the saved message templates its flows pick included.
 */
describe('templates and fields that may be empty', async () => {
  const loads = await loadTemplates();

  it('finds the five industry templates', () => {
    expect(loads.filter((load) => load.ok)).toHaveLength(5);
  });

  for (const load of loads) {
    if (!load.ok) continue;
    const { manifest, flows } = load.template;
    it(`${manifest.id}: no text people read shows a field that may be empty`, () => {
      const values = settingValues(manifest.settings);
      const saved = new Map(
        manifest.messageTemplates.map((item) => [
          templateItemIds.messageTemplate(manifest.id, item.key),
          item,
        ]),
      );
      const warnings = flows.flatMap((flow) =>
        lintFlow(fillPlaceholders(flow.graph, values.ok ? values.values : {}), {
          messageTemplates: (id) => saved.get(id),
        })
          .filter((problem) => problem.code === 'field.may_be_empty')
          .map((problem) => `${flow.file} ${problem.nodeId} ${problem.field}: ${problem.message.en}`),
      );
      expect(warnings).toEqual([]);
      // The check sees the saved templates: at least one flow here sends one.
      expect(
        flows.some((flow) =>
          flow.graph.nodes.some((node) =>
            saved.has(String((node.config as { templateId?: unknown }).templateId)),
          ),
        ),
      ).toBe(true);
    });
  }
});
