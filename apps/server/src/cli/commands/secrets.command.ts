import { resolve } from 'node:path';
import { text } from '@flowdesk/model';
import type { Store } from '@flowdesk/store';
import { openRawStore } from '../../boot/open-store.ts';
import { ConfigError, loadServerConfig, type ServerConfig } from '../../config/server-config.ts';
import { CLI_TEXT } from '../../messages/cli.messages.ts';
import { openSecretBox, rotateSecrets } from '../../secrets/secrets-at-rest.ts';
import { type CliCommand, EXIT } from './command.types.ts';

const SECRETS_TEXT = {
  usage: text('用法：flowdesk secrets rotate', 'Usage: flowdesk secrets rotate'),
  rotated: (count: number, keyId: string) =>
    text(
      `已用密钥 ${keyId} 重新加密 ${count} 个密钥类设置；确认所有进程都使用新密钥后即可去掉 FLOWDESK_SECRET_KEY_PREVIOUS`,
      `Re-encrypted ${count} stored secrets with key ${keyId}; once every process runs with the new key, FLOWDESK_SECRET_KEY_PREVIOUS can go`,
    ),
};

/**
 * `flowdesk secrets rotate`: seals every stored secret again with the current
 * key (FLOWDESK_SECRET_KEY, else the key file), opening older values with
 * FLOWDESK_SECRET_KEY_PREVIOUS. docs/security.md walks through a rotation.
 */
export const secretsCommand: CliCommand = {
  name: 'secrets',
  usage: 'secrets rotate',
  summary: text(
    '用当前密钥重新加密数据库中的密钥类设置（密钥轮换）',
    'Re-encrypt the stored secrets with the current key (key rotation)',
  ),
  options: {},
  optionHelp: {},
  exitCodes: [
    [EXIT.ok, text('完成', 'Done')],
    [EXIT.unusable, text('参数、配置或密钥有误', 'Wrong arguments, configuration or key')],
  ],
  async run({ positionals }, { io, locale }) {
    if (positionals.length !== 1 || positionals[0] !== 'rotate') {
      io.stderr(`${CLI_TEXT.badArguments(SECRETS_TEXT.usage[locale])[locale]}\n`);
      return EXIT.unusable;
    }
    let config: ServerConfig;
    let store: Store;
    try {
      const loaded = loadServerConfig(io.env);
      config =
        loaded.store.kind === 'sqlite'
          ? { ...loaded, store: { kind: 'sqlite', path: resolve(io.cwd, loaded.store.path) } }
          : loaded;
      store = await openRawStore(config);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      io.stderr(`${error.message}\n`);
      return EXIT.unusable;
    }
    try {
      const box = await openSecretBox(store, config);
      const count = await rotateSecrets(store, box, new Date());
      // Values sealed with the retired key would otherwise stay in free space.
      if (count > 0) await store.compact();
      io.stdout(`${SECRETS_TEXT.rotated(count, box.current.id)[locale]}\n`);
      return EXIT.ok;
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      io.stderr(`${error.message}\n`);
      return EXIT.unusable;
    } finally {
      await store.close();
    }
  },
};
