import type { JsonObject, StoreRepositories } from '@flowdesk/store';
import { DEFAULT_WORKSPACE_ID } from '../app-deps.ts';
import { parseInput } from '../http/zod-details.ts';
import {
  CHANNEL_KEYS,
  CHANNEL_SETTING_SPECS,
  CHANNEL_SETTINGS,
  type ChannelKey,
  type ChannelSettingsOf,
  ENABLED_BY_DEFAULT,
  SECRET_FIELDS,
} from './channel-settings.schema.ts';
import type { ChannelSettingsSpec } from './channel-settings-spec.ts';

export interface ChannelState<K extends ChannelKey = ChannelKey> {
  channel: K;
  enabled: boolean;
  settings: ChannelSettingsOf<K>;
  /** The stored settings no longer parse: the channel is treated as off until an admin saves it again. */
  invalid?: true;
}

type Repos = Pick<StoreRepositories, 'channelSettings'>;

/**
 * The channel's switch and settings for the workspace, defaults filled in.
 * Stored settings that no longer parse (an older shape, a hand edit) fail
 * closed: the channel reads as off with its defaults rather than guessing what
 * the admin meant (an origin list misread could open the widget). `invalid`
 * tells the settings screen why the channel is off.
 */
export async function readChannel<K extends ChannelKey>(
  repos: Repos,
  channel: K,
  workspaceId = DEFAULT_WORKSPACE_ID,
): Promise<ChannelState<K>> {
  const stored = await repos.channelSettings.get(workspaceId, channel);
  const schema = CHANNEL_SETTINGS[channel];
  const parsed = schema.safeParse(stored?.settings ?? {});
  if (!parsed.success) {
    return { channel, enabled: false, settings: schema.parse({}) as ChannelSettingsOf<K>, invalid: true };
  }
  const settings = parsed.data as ChannelSettingsOf<K>;
  return { channel, enabled: stored?.enabled ?? ENABLED_BY_DEFAULT[channel], settings };
}

export function readAllChannels(repos: Repos, workspaceId = DEFAULT_WORKSPACE_ID): Promise<ChannelState[]> {
  return Promise.all(CHANNEL_KEYS.map((channel) => readChannel(repos, channel, workspaceId)));
}

export interface ChannelUpdate {
  channel: ChannelKey;
  enabled?: boolean | undefined;
  /** Fields to change; a secret left out keeps its stored value, null removes an optional field. */
  settings?: Record<string, unknown> | undefined;
}

/**
 * Merges the change into the stored settings and validates the result as a
 * whole; a 400 AppError names the field that is wrong and nothing is stored.
 */
export async function updateChannel(
  repos: Repos,
  update: ChannelUpdate,
  now: Date,
  workspaceId = DEFAULT_WORKSPACE_ID,
): Promise<ChannelState> {
  const current = await readChannel(repos, update.channel, workspaceId);
  const merged: Record<string, unknown> = { ...current.settings, ...(update.settings ?? {}) };
  // null clears an optional field (JSON cannot carry undefined).
  for (const [key, value] of Object.entries(merged)) if (value === null) delete merged[key];
  const settings = parseInput(CHANNEL_SETTINGS[update.channel], merged);
  const spec: ChannelSettingsSpec = CHANNEL_SETTING_SPECS[update.channel];
  spec.checkChange?.({ before: current.settings, next: settings, sent: update.settings ?? {} });
  const enabled = update.enabled ?? current.enabled;
  await repos.channelSettings.put({
    workspaceId,
    channel: update.channel,
    enabled,
    settings: settings as JsonObject,
    updatedAt: now.toISOString(),
  });
  return { channel: update.channel, enabled, settings } as ChannelState;
}

export interface PublicChannelState {
  channel: ChannelKey;
  enabled: boolean;
  settings: Record<string, unknown>;
  /** Which secret fields hold a value; their values are never returned. */
  secretsSet: Record<string, boolean>;
  /** The stored settings no longer parse, so the channel is off and shows its defaults. */
  invalid?: true;
}

/** What an admin's browser may see: secrets replaced by whether they are set. */
export function publicView(state: ChannelState): PublicChannelState {
  const secrets = SECRET_FIELDS[state.channel] ?? [];
  const settings: Record<string, unknown> = { ...state.settings };
  const secretsSet: Record<string, boolean> = {};
  for (const field of secrets) {
    secretsSet[field] = typeof settings[field] === 'string' && settings[field] !== '';
    delete settings[field];
  }
  return {
    channel: state.channel,
    enabled: state.enabled,
    settings,
    secretsSet,
    ...(state.invalid ? { invalid: true as const } : {}),
  };
}
