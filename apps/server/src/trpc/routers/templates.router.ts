import { z } from 'zod';
import { auditCall } from '../../audit/audit-log.ts';
import { ROLES } from '../../auth/roles.ts';
import { AppError } from '../../http/app-error.ts';
import { TEMPLATE_TEXT } from '../../messages/template.messages.ts';
import { applyTemplate } from '../../templates/template-apply.service.ts';
import {
  findTemplate,
  listTemplates,
  summarize,
  type TemplateLookup,
} from '../../templates/template-catalog.ts';
import { templateItemIds } from '../../templates/template-ids.ts';
import type { TemplateProblem } from '../../templates/template-loader.ts';
import { actorOf, procedure, router } from '../trpc.ts';

/**
 * The template gallery: what each industry template installs, and applying one
 * to the workspace. Applying is idempotent (see template-apply.service.ts), so
 * the button can be pressed twice without harm.
 */

const editors = () => procedure.meta({ roles: ROLES.flowEditors, contacts: 'none' });
const TemplateId = z.strictObject({ id: z.string().trim().min(1).max(32) });

function brokenTemplate(id: string, problems: readonly TemplateProblem[]): AppError {
  const first = problems[0]?.message ?? { 'zh-CN': '', en: '' };
  return new AppError('precondition_failed', 'desk_invalid', {
    params: { zh: `模板 ${id} 有误：${first['zh-CN']}`, en: `Template ${id} is broken: ${first.en}` },
    details: problems.map((problem) => ({
      pointer: '',
      code: 'template_invalid',
      messages: problem.message,
    })),
  });
}

async function found(id: string): Promise<Extract<TemplateLookup, { ok: true }>['template']> {
  const lookup = await findTemplate(id);
  if (lookup.ok) return lookup.template;
  if (lookup.reason === 'not_found') {
    const message = TEMPLATE_TEXT.notFound(id);
    throw new AppError('not_found', 'desk_not_found', { params: { zh: message['zh-CN'], en: message.en } });
  }
  throw brokenTemplate(id, lookup.problems);
}

export const templatesRouter = router({
  /** Every template that loads cleanly, with names, descriptions and flows in both languages. */
  list: editors().query(() => listTemplates()),

  /** One template with the reference data it installs (categories, teams, SLA, messages, articles). */
  get: editors()
    .input(TemplateId)
    .query(async ({ input }) => {
      const template = await found(input.id);
      const { manifest } = template;
      return {
        ...summarize(template),
        categories: manifest.categories,
        teams: manifest.teams,
        slaPolicies: manifest.slaPolicies,
        businessHours: manifest.businessHours,
        messageTemplates: manifest.messageTemplates,
        knowledgeBase: manifest.knowledgeBase,
        survey: manifest.survey,
      };
    }),

  /**
   * The template's sample requests for a flow it installed (ids `tpl-<template>-<key>`),
   * for the editor's test run; an empty list for any other flow.
   */
  samplesForFlow: editors()
    .input(z.strictObject({ flowId: z.string().min(1).max(200) }))
    .query(async ({ input }) => {
      for (const summary of await listTemplates()) {
        const installed = summary.flows.some(
          (flow) => templateItemIds.flow(summary.id, flow.key) === input.flowId,
        );
        if (!installed) continue;
        const lookup = await findTemplate(summary.id);
        if (!lookup.ok) return [];
        return lookup.template.samples.map(({ file, sample }) => {
          const customer =
            sample.customer ??
            (sample.existingCustomer ? { vipLevel: sample.existingCustomer.vipLevel } : null);
          return {
            id: `${summary.id}/${file}`,
            title: sample.title,
            request: sample.request,
            // Who the request comes from, for the test run's customer section; left out for a new customer.
            ...(customer ? { customer } : {}),
          };
        });
      }
      return [];
    }),

  /**
   * Applies the template (named `install` because tRPC reserves `apply`); flows
   * are published only when asked, so the admin may review the drafts first.
   */
  install: editors()
    .input(
      TemplateId.extend({
        settings: z.record(z.string().max(48), z.string().max(2000)).default({}),
        publish: z.boolean().default(false),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const template = await found(input.id);
      const result = await applyTemplate(ctx.services, template, {
        settings: input.settings,
        publish: input.publish,
        actor: actorOf(ctx).id,
      });
      if (!result.ok) throw brokenTemplate(input.id, result.problems);
      await auditCall(ctx, 'template.install', `template:${input.id}`, { publish: input.publish });
      return result;
    }),
});
