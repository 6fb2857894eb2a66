import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { SECRETS_MESSAGES } from '../messages/secrets.messages.ts';
import { secretsError } from './secret-box.ts';
import {
  formatSecretKey,
  parseSecretKey,
  SECRET_KEY_BYTES,
  type SecretKey,
  secretKeyOf,
} from './secret-key.ts';

/**
 * The key file beside a SQLite database (`<db>.key`), for deployments that do
 * not set FLOWDESK_SECRET_KEY. It is created once, readable by its owner only
 * (0600), and never replaced: a new key would make every stored secret
 * unreadable.
 */

export function keyFilePath(databasePath: string): string {
  return `${databasePath}.key`;
}

function readKeyFile(path: string): SecretKey | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const key = parseSecretKey(text);
  if (!key) throw secretsError(SECRETS_MESSAGES.key_file_malformed(path));
  return key;
}

/**
 * Writes the whole key to a private temporary file, then links it into place.
 * The link fails when the file exists, so of two processes starting at once
 * exactly one key wins and the other reads it; nobody ever sees a half-written
 * file.
 */
function createKeyFile(path: string): SecretKey {
  const key = secretKeyOf(randomBytes(SECRET_KEY_BYTES));
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    writeSync(fd, `${formatSecretKey(key)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temporary, path);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readKeyFile(path) as SecretKey;
  } finally {
    unlinkSync(temporary);
  }
}

/**
 * The key in the file, created when there is none yet. When the database
 * already holds sealed secrets a missing file is an error, never a reason to
 * make a new key.
 */
export function loadOrCreateKeyFile(path: string, databaseHasSealedSecrets: boolean): SecretKey {
  const existing = readKeyFile(path);
  if (existing) return existing;
  if (databaseHasSealedSecrets) throw secretsError(SECRETS_MESSAGES.key_file_missing(path));
  return createKeyFile(path);
}
