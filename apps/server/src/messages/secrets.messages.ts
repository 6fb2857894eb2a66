import { type LocalizedText, text } from '@flowdesk/model';

/**
 * What operators read when the secret key and the stored secrets do not fit.
 * These stop a start (or the rotate command) before anything is served, so
 * they name the variable or file to fix, in both languages at once: the
 * process has no user locale yet.
 */
export const SECRETS_MESSAGES = {
  key_malformed: (name: string) =>
    text(
      `${name} 必须是 32 字节密钥的 base64 或十六进制形式（例如 openssl rand -base64 32 的输出）`,
      `${name} must be a 32-byte key in base64 or hex (for example the output of openssl rand -base64 32)`,
    ),
  key_file_malformed: (path: string) =>
    text(
      `密钥文件 ${path} 的内容不是 32 字节密钥的 base64 或十六进制形式`,
      `The key file ${path} does not hold a 32-byte key in base64 or hex`,
    ),
  key_file_missing: (path: string) =>
    text(
      `数据库中已有加密的密钥类设置，但密钥文件 ${path} 不存在：请恢复该文件，或把原密钥设为 FLOWDESK_SECRET_KEY。不会生成新密钥，否则已存的密钥将无法读取`,
      `The database holds encrypted secrets but the key file ${path} is missing: restore it, or set the original key as FLOWDESK_SECRET_KEY. No new key is generated, because the stored secrets could never be read again`,
    ),
  key_unknown: (found: string, known: string) =>
    text(
      `数据库中的密钥类设置是用密钥 ${found} 加密的，而当前提供的密钥是 ${known}：请设置正确的 FLOWDESK_SECRET_KEY（轮换期间把旧密钥设为 FLOWDESK_SECRET_KEY_PREVIOUS）`,
      `Secrets in the database were encrypted with key ${found}, but the keys given are ${known}: set the right FLOWDESK_SECRET_KEY (while rotating, put the old key in FLOWDESK_SECRET_KEY_PREVIOUS)`,
    ),
  value_corrupt: (where: string) =>
    text(
      `无法解密 ${where}：数据已损坏或密钥不对`,
      `${where} cannot be decrypted: the value is damaged or the key is wrong`,
    ),
  mongo_key_required: () =>
    text(
      '使用 MongoDB（MONGODB_URI）时必须设置 FLOWDESK_SECRET_KEY：渠道凭据和链接密钥用它加密保存，而 MongoDB 旁边没有可以存放密钥文件的位置',
      'FLOWDESK_SECRET_KEY is required with MongoDB (MONGODB_URI): channel credentials and link keys are stored encrypted with it, and there is no place beside a MongoDB database for a key file',
    ),
} satisfies Record<string, (...args: string[]) => LocalizedText>;

/** Both languages on one line, for operators' terminals and logs. */
export function bothLanguages(message: LocalizedText): string {
  return `${message['zh-CN']} / ${message.en}`;
}
