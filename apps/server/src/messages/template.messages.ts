import { type LocalizedText, text } from '@flowdesk/model';

/** Every text about templates shown to people (CLI, tRPC, test failures), in both languages. */
export const TEMPLATE_TEXT = {
  unreadable: (file: string) => text(`无法读取 ${file}`, `Cannot read ${file}`),
  notJson: (file: string, detail: string) =>
    text(`${file} 不是有效的 JSON：${detail}`, `${file} is not valid JSON: ${detail}`),
  invalidField: (file: string, pointer: string, detail: LocalizedText) =>
    text(
      `${file} 的 ${pointer || '/'} 有误：${detail['zh-CN']}`,
      `${file} at ${pointer || '/'} is invalid: ${detail.en}`,
    ),
  idMismatch: (folder: string, id: string) =>
    text(
      `文件夹 ${folder} 中 template.json 的 id 是 “${id}”，两者必须一致`,
      `template.json in folder ${folder} has id "${id}"; the two must match`,
    ),
  duplicateKey: (what: string, key: string) =>
    text(`${what} 中的 “${key}” 重复`, `"${key}" appears twice in ${what}`),
  unknownSetting: (file: string, key: string) =>
    text(`${file} 使用了未定义的设置 [[${key}]]`, `${file} uses [[${key}]], which is not a setting`),
  unknownTeam: (where: string, team: string) =>
    text(
      `${where} 引用了不存在的团队 “${team}”`,
      `${where} names the team "${team}", which the template lacks`,
    ),
  unknownMessageTemplate: (where: string, id: string) =>
    text(
      `${where} 引用了不存在的消息模板 “${id}”`,
      `${where} names the message template "${id}", which the template lacks`,
    ),
  unknownCategory: (where: string, id: string) =>
    text(
      `${where} 使用了分类树中没有的分类 “${id}”`,
      `${where} uses the category "${id}", which is not in the category tree`,
    ),
  lintError: (file: string, node: string, detail: LocalizedText) =>
    text(`${file}（节点 ${node}）：${detail['zh-CN']}`, `${file} (node ${node}): ${detail.en}`),
  noSamples: (id: string) =>
    text(`模板 ${id} 没有 samples/ 示例`, `Template ${id} has no samples in samples/`),
  notFound: (id: string) => text(`找不到模板 “${id}”`, `There is no template "${id}"`),
  badSetting: (key: string) =>
    text(`设置 ${key} 的值不合适`, `The value of setting ${key} does not fit its kind`),
} as const;
