import { z } from 'zod';
import { auditCall } from '../../audit/audit-log.ts';
import { CHANNEL_FORMS, CHANNEL_KEYS } from '../../channels/channel-settings.schema.ts';
import { publicView, readAllChannels, readChannel, updateChannel } from '../../channels/channel-settings.ts';
import { procedure, router } from '../trpc.ts';

/**
 * Settings → Channels: each intake channel's switch and settings for the
 * workspace. Admins only: the settings hold secrets and decide what the
 * public endpoints accept.
 */
const admins = () => procedure.meta({ roles: ['admin'] });

const ChannelUpdateInput = z.strictObject({
  channel: z.enum(CHANNEL_KEYS),
  enabled: z.boolean().optional(),
  settings: z.record(z.string(), z.unknown()).optional(),
});

export const channelsRouter = router({
  list: admins().query(async ({ ctx }) => (await readAllChannels(ctx.services.store)).map(publicView)),
  /** Each channel's settings form (field keys and kinds), declared beside the channel's settings schema. */
  forms: admins().query(() => CHANNEL_FORMS),
  update: admins()
    .input(ChannelUpdateInput)
    .mutation(async ({ ctx, input }) => {
      const { store, clock } = ctx.services;
      const before = await readChannel(store, input.channel);
      const updated = await updateChannel(store, input, clock.now());
      // Which settings changed, by name only: values may be secrets (tokens, app secrets).
      const was = before.settings as Record<string, unknown>;
      const now = updated.settings as Record<string, unknown>;
      const fields = Object.keys(input.settings ?? {}).filter(
        (field) => JSON.stringify(was[field]) !== JSON.stringify(now[field]),
      );
      await auditCall(ctx, 'channel.update', `channel:${input.channel}`, {
        fields: fields.sort(),
        ...(updated.enabled !== before.enabled ? { enabled: updated.enabled } : {}),
      });
      return publicView(updated);
    }),
});
