import { z } from 'zod';
import { DEFAULT_WORKSPACE_ID } from '../../app-deps.ts';
import { AppError } from '../../http/app-error.ts';
import { actorOf, procedure, router } from '../trpc.ts';
import { agentIdOf } from './ticket-actions.procedures.ts';

/**
 * Message templates (what send_message nodes can name with templateId) for the
 * people who write them, and the in-app inbox agents read.
 */
const LocalizedText = z.strictObject({
  'zh-CN': z.string().max(10_000).default(''),
  en: z.string().max(10_000).default(''),
});

const TemplateInput = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/),
    name: z.string().trim().min(1).max(200),
    channel: z.enum(['reply', 'email', 'sms', 'webhook', 'in_app']),
    subject: LocalizedText.default({ 'zh-CN': '', en: '' }),
    body: LocalizedText,
  })
  .refine((template) => Boolean(template.body['zh-CN'].trim() || template.body.en.trim()), {
    path: ['body'],
    message: 'value.template_empty',
  });

const TemplateId = z.strictObject({ id: z.string().min(1).max(64) });
const editors = () => procedure.meta({ roles: ['admin', 'editor'], contacts: 'none' });
const agents = () => procedure.meta({ roles: ['admin', 'agent'] });

function templateNotFound(id: string): AppError {
  return new AppError('not_found', 'template_not_found', { params: { id } });
}

export const messagesRouter = router({
  templates: editors().query(({ ctx }) => ctx.services.store.messageTemplates.list(DEFAULT_WORKSPACE_ID)),

  template: editors()
    .input(TemplateId)
    .query(async ({ ctx, input }) => {
      const template = await ctx.services.store.messageTemplates.get(input.id);
      if (!template || template.workspaceId !== DEFAULT_WORKSPACE_ID) throw templateNotFound(input.id);
      return template;
    }),

  saveTemplate: editors()
    .input(TemplateInput)
    .mutation(({ ctx, input }) =>
      ctx.services.store.messageTemplates.put({
        ...input,
        workspaceId: DEFAULT_WORKSPACE_ID,
        updatedAt: ctx.services.clock.now().toISOString(),
      }),
    ),

  deleteTemplate: editors()
    .input(TemplateId)
    .mutation(async ({ ctx, input }) => {
      if (!(await ctx.services.store.messageTemplates.delete(input.id))) throw templateNotFound(input.id);
      return { deleted: input.id };
    }),

  /** The signed-in agent's messages and their teams', newest first. */
  inbox: agents()
    .input(z.strictObject({ unreadOnly: z.boolean().default(false) }).default({ unreadOnly: false }))
    .query(async ({ ctx, input }) => {
      const { store } = ctx.services;
      const agentId = await agentIdOf(ctx, actorOf(ctx));
      const agent = await store.agents.get(agentId);
      const lists = await Promise.all([
        store.inAppMessages.listFor('agent', agentId, input),
        ...(agent?.teams ?? []).map((team) => store.inAppMessages.listFor('team', team, input)),
      ]);
      return lists
        .flat()
        .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
    }),

  markRead: agents()
    .input(z.strictObject({ id: z.string().min(1).max(200) }))
    .mutation(async ({ ctx, input }) => ({
      read: await ctx.services.store.inAppMessages.markRead(input.id, ctx.services.clock.now().toISOString()),
    })),
});
