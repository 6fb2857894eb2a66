import { z } from 'zod';
import { CHANNEL_KEYS } from '../../channels/channel-settings.schema.ts';
import { publicView, readAllChannels, updateChannel } from '../../channels/channel-settings.ts';
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
  update: admins()
    .input(ChannelUpdateInput)
    .mutation(async ({ ctx, input }) =>
      publicView(await updateChannel(ctx.services.store, input, ctx.services.clock.now())),
    ),
});
