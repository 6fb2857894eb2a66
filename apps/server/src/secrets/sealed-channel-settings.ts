import type {
  ChannelSetting,
  ChannelSettingRepository,
  JsonObject,
  Store,
  StoreRepositories,
} from '@flowdesk/store';
import { type ChannelKey, SECRET_FIELDS } from '../channels/channel-settings.schema.ts';
import type { SecretBox } from './secret-box.ts';

/**
 * Channel settings with their secret fields (the WeChat token and app secret,
 * the progress-link key) sealed on the way into the store and opened on the
 * way out. Everything above the store keeps reading plain settings; the
 * database only ever receives sealed values.
 */

function secretFieldsOf(channel: string): readonly string[] {
  return SECRET_FIELDS[channel as ChannelKey] ?? [];
}

/** The associated data of a sealed field: a value opens only where it was sealed. */
export function secretLocation(
  setting: Pick<ChannelSetting, 'workspaceId' | 'channel'>,
  field: string,
): string {
  return `channel_settings/${setting.workspaceId}/${setting.channel}/${field}`;
}

function mapSecrets(
  setting: ChannelSetting,
  change: (value: string, where: string) => string,
): ChannelSetting {
  const fields = secretFieldsOf(setting.channel).filter(
    (field) => typeof setting.settings[field] === 'string',
  );
  if (fields.length === 0) return setting;
  const settings: JsonObject = { ...setting.settings };
  for (const field of fields)
    settings[field] = change(settings[field] as string, secretLocation(setting, field));
  return { ...setting, settings };
}

export function sealSettingSecrets(setting: ChannelSetting, box: SecretBox): ChannelSetting {
  return mapSecrets(setting, (value, where) => box.seal(value, where));
}

export function openSettingSecrets(setting: ChannelSetting, box: SecretBox): ChannelSetting {
  return mapSecrets(setting, (value, where) => box.open(value, where));
}

/** Every secret value as stored (sealed or, in an older database, plain). */
export function storedSecretValues(setting: ChannelSetting): string[] {
  return secretFieldsOf(setting.channel)
    .map((field) => setting.settings[field])
    .filter((value): value is string => typeof value === 'string');
}

function sealedRepository(inner: ChannelSettingRepository, box: SecretBox): ChannelSettingRepository {
  return {
    async get(workspaceId, channel) {
      const stored = await inner.get(workspaceId, channel);
      return stored ? openSettingSecrets(stored, box) : null;
    },
    async list(workspaceId) {
      return (await inner.list(workspaceId)).map((setting) => openSettingSecrets(setting, box));
    },
    async put(setting) {
      await inner.put(sealSettingSecrets(setting, box));
      return setting;
    },
  };
}

/**
 * The same repositories with channelSettings sealed. A proxy rather than a
 * copy: the SQLite store builds a transaction's repositories lazily through
 * getters, which a spread would not carry over.
 */
function withSealedRepository<T extends StoreRepositories>(repositories: T, box: SecretBox): T {
  let sealed: ChannelSettingRepository | undefined;
  return new Proxy(repositories, {
    get(target, property) {
      if (property === 'channelSettings') {
        sealed ??= sealedRepository(target.channelSettings, box);
        return sealed;
      }
      const value = Reflect.get(target, property, target);
      // Methods run on the real object: a class store's private fields are not on the proxy.
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export function withSealedChannelSecrets(store: Store, box: SecretBox): Store {
  const sealedStore = withSealedRepository(store, box);
  return new Proxy(sealedStore, {
    get(target, property) {
      if (property === 'transaction') {
        return <T>(fn: (tx: StoreRepositories) => Promise<T>) =>
          store.transaction((tx) => fn(withSealedRepository(tx, box)));
      }
      return Reflect.get(target, property, target);
    },
  });
}
