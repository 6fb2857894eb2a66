import { z } from 'zod';
import { inboxesOfUser } from '../../approvals/approval-decisions.ts';
import { ROLES } from '../../auth/roles.ts';
import { AppError } from '../../http/app-error.ts';
import { actorOf, procedure, router } from '../trpc.ts';

/**
 * The signed-in user's in-app inbox: reminders flows send to them (their
 * agent profile) and to their teams, each linking to its ticket. A team's
 * message is read once for the team.
 */

const ListInput = z
  .strictObject({
    unreadOnly: z.boolean().default(false),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .default({ unreadOnly: false, limit: 50 });

export const notificationsRouter = router({
  list: procedure
    .meta({ roles: ROLES.anyone })
    .input(ListInput)
    .query(async ({ ctx, input }) => {
      const { store } = ctx.services;
      const inboxes = await inboxesOfUser(store, actorOf(ctx));
      const messages = await store.inAppMessages.listForRecipients(inboxes, input);
      return messages.map((message) => ({ ...message, ticketId: message.ticketId ?? null }));
    }),

  unreadCount: procedure.meta({ roles: ROLES.anyone }).query(async ({ ctx }) => {
    const { store } = ctx.services;
    return store.inAppMessages.countUnread(await inboxesOfUser(store, actorOf(ctx)));
  }),

  markRead: procedure
    .meta({ roles: ROLES.anyone })
    .input(z.strictObject({ id: z.string().min(1).max(200) }))
    .mutation(async ({ ctx, input }) => {
      const { store, clock } = ctx.services;
      const inboxes = await inboxesOfUser(store, actorOf(ctx));
      const message = await store.inAppMessages.get(input.id);
      const mine = inboxes.some(
        (inbox) => inbox.kind === message?.recipientKind && inbox.id === message?.recipientId,
      );
      // Someone else's message is as unknown to this user as a missing one.
      if (!message || !mine)
        throw new AppError('not_found', 'notification_not_found', { params: { id: input.id } });
      await store.inAppMessages.markRead(message.id, clock.now().toISOString());
      return { id: message.id, read: true };
    }),

  markAllRead: procedure.meta({ roles: ROLES.anyone }).mutation(async ({ ctx }) => {
    const { store, clock } = ctx.services;
    const inboxes = await inboxesOfUser(store, actorOf(ctx));
    return { marked: await store.inAppMessages.markAllRead(inboxes, clock.now().toISOString()) };
  }),
});
