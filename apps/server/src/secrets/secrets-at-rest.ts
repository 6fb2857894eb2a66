import { randomBytes } from 'node:crypto';
import type { ChannelSetting, Store } from '@flowdesk/store';
import { DEFAULT_WORKSPACE_ID } from '../app-deps.ts';
import type { ServerConfig } from '../config/server-config.ts';
import { SECRETS_MESSAGES } from '../messages/secrets.messages.ts';
import { keyFilePath, loadOrCreateKeyFile } from './key-file.ts';
import {
  openSettingSecrets,
  sealSettingSecrets,
  storedSecretValues,
  withSealedChannelSecrets,
} from './sealed-channel-settings.ts';
import { isSealed, SecretBox, sealedKeyId, secretsError } from './secret-box.ts';
import { SECRET_KEY_BYTES, type SecretKey, secretKeyOf } from './secret-key.ts';

/**
 * Secrets at rest, from the start of a process: find the key, refuse to start
 * when it does not fit what the database holds, seal what an older version
 * stored in plain text, and hand out a store whose channel secrets are sealed.
 */

/** Every workspace whose settings are checked; one until multi-tenancy arrives. */
const WORKSPACES = [DEFAULT_WORKSPACE_ID];

async function storedSettings(store: Store): Promise<ChannelSetting[]> {
  const all = await Promise.all(WORKSPACES.map((workspaceId) => store.channelSettings.list(workspaceId)));
  return all.flat();
}

function currentKey(config: ServerConfig, hasSealed: boolean): SecretKey {
  if (config.secrets.key) return config.secrets.key;
  if (config.store.kind === 'mongo') throw secretsError(SECRETS_MESSAGES.mongo_key_required());
  // A throwaway database keeps its secrets only as long as the process does.
  if (config.store.path === ':memory:') return secretKeyOf(randomBytes(SECRET_KEY_BYTES));
  return loadOrCreateKeyFile(keyFilePath(config.store.path), hasSealed);
}

/** The box for this configuration, after checking that it opens every sealed value in the store. */
export async function openSecretBox(rawStore: Store, config: ServerConfig): Promise<SecretBox> {
  const values = (await storedSettings(rawStore)).flatMap(storedSecretValues);
  const sealedWith = new Set(values.filter(isSealed).map((value) => sealedKeyId(value) as string));
  const box = new SecretBox(
    currentKey(config, sealedWith.size > 0),
    config.secrets.previous ? [config.secrets.previous] : [],
  );
  for (const keyId of sealedWith) {
    if (!box.hasKey(keyId)) {
      throw secretsError(SECRETS_MESSAGES.key_unknown(keyId, box.keyIds.join(', ')));
    }
  }
  return box;
}

/**
 * Seals again, with the current key, every secret value that `shouldReseal`
 * picks; each setting in its own transaction, read and written there, so a
 * concurrent admin change is not lost and a failure leaves the rest as it was.
 * Returns how many values changed.
 */
async function reseal(
  rawStore: Store,
  box: SecretBox,
  now: Date,
  shouldReseal: (value: string) => boolean,
): Promise<number> {
  let changed = 0;
  for (const setting of await storedSettings(rawStore)) {
    if (!storedSecretValues(setting).some(shouldReseal)) continue;
    changed += await rawStore.transaction(async (tx) => {
      const stored = await tx.channelSettings.get(setting.workspaceId, setting.channel);
      if (!stored) return 0;
      const count = storedSecretValues(stored).filter(shouldReseal).length;
      if (count === 0) return 0;
      const plain = openSettingSecrets(stored, box);
      await tx.channelSettings.put({ ...sealSettingSecrets(plain, box), updatedAt: now.toISOString() });
      return count;
    });
  }
  return changed;
}

/** Plain values left by a version that did not seal them. */
export function sealPlainSecrets(rawStore: Store, box: SecretBox, now: Date): Promise<number> {
  return reseal(rawStore, box, now, (value) => !isSealed(value));
}

/** `flowdesk secrets rotate`: every value not sealed with the current key (plain or older key). */
export function rotateSecrets(rawStore: Store, box: SecretBox, now: Date): Promise<number> {
  return reseal(rawStore, box, now, (value) => box.needsReseal(value));
}

/**
 * The store the server and workers use: checked against the key, plain
 * secrets sealed, channel secrets sealed from now on.
 */
export async function sealedStore(rawStore: Store, config: ServerConfig, now: Date): Promise<Store> {
  const box = await openSecretBox(rawStore, config);
  const sealed = await sealPlainSecrets(rawStore, box, now);
  // The plain values were overwritten, but their old bytes may still sit in
  // the WAL or in free pages of the file: rewrite both once.
  if (sealed > 0) await rawStore.compact();
  return withSealedChannelSecrets(rawStore, box);
}
