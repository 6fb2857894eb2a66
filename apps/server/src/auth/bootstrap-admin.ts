import { isStoreError, type Store, type User } from '@flowdesk/store';
import type { Logger } from '../app-deps.ts';
import type { ServerConfig } from '../config/server-config.ts';
import { generatePassword, hashPassword } from './secrets.ts';

export type BootstrapOutcome =
  | { outcome: 'existing' }
  | { outcome: 'created'; user: User; generatedPassword?: string };

const DEFAULT_ADMIN_EMAIL = 'admin@flowdesk.local';

/**
 * First run: with no users at all, create an admin so someone can sign in. The
 * password comes from FLOWDESK_ADMIN_PASSWORD, or is generated and printed this
 * one time (it is not stored anywhere but as its hash).
 */
export async function bootstrapAdmin(
  store: Store,
  config: Pick<ServerConfig, 'admin'>,
  log: Logger,
  input: { id: string; now: Date; print?: (line: string) => void },
): Promise<BootstrapOutcome> {
  const existing = await store.users.list();
  if (existing.length > 0) return { outcome: 'existing' };
  const email = config.admin.email ?? DEFAULT_ADMIN_EMAIL;
  const generatedPassword = config.admin.password ? undefined : generatePassword();
  const password = config.admin.password ?? generatedPassword ?? '';
  let user: User;
  try {
    user = await store.users.create({
      id: input.id,
      email,
      name: 'Administrator',
      role: 'admin',
      passwordHash: await hashPassword(password),
      locale: 'zh-CN',
      createdAt: input.now.toISOString(),
    });
  } catch (error) {
    // Replicas started together on a new database all find no user; the email's uniqueness lets one
    // create the admin, and the others start with it (a password they generated was never valid).
    if (isStoreError(error, 'duplicate') && (await store.users.list()).length > 0) {
      return { outcome: 'existing' };
    }
    throw error;
  }
  await store.audit.append({
    id: `${input.id}:created`,
    at: input.now.toISOString(),
    actor: { kind: 'system', id: 'bootstrap' },
    action: 'user.create',
    target: `user:${user.id}`,
    ip: null,
    outcome: 'success',
    details: { email, role: 'admin', passwordGenerated: generatedPassword !== undefined },
  });
  log.info('admin account created', { email });
  if (generatedPassword) {
    // Printed straight to the console rather than the log, so it does not end up in log storage.
    const print = input.print ?? ((line: string) => process.stdout.write(`${line}\n`));
    print('==============================================================');
    print(`已创建管理员账号 ${email}，初始密码（只显示这一次，请立即保存并修改）：`);
    print(`Admin account ${email} created; its password (shown only this once, save and change it):`);
    print(`  ${generatedPassword}`);
    print('==============================================================');
  }
  return generatedPassword ? { outcome: 'created', user, generatedPassword } : { outcome: 'created', user };
}
