import { type LocalizedText, text } from '@flowdesk/model';

/** Every text the command line prints, in both languages. */
export const CLI_TEXT = {
  tagline: text('FlowDesk 命令行工具', 'FlowDesk command line'),
  usage: text('用法', 'Usage'),
  commands: text('命令', 'Commands'),
  options: text('选项', 'Options'),
  exitCodes: text('退出码', 'Exit codes'),
  optionLang: text(
    '消息语言（默认取 FLOWDESK_LANG，其次 LANG）',
    'language of messages (default: FLOWDESK_LANG, then LANG)',
  ),
  optionHelp: text('显示帮助', 'show this help'),
  optionVersion: text('显示版本号', 'show the version'),
  commandHelpHint: text(
    '查看某个命令的说明：flowdesk <命令> --help',
    'Help on one command: flowdesk <command> --help',
  ),
  unknownCommand: (name: string) =>
    text(
      `未知的命令「${name}」。运行 flowdesk --help 查看全部命令。`,
      `Unknown command "${name}". Run flowdesk --help to list the commands.`,
    ),
  badArguments: (detail: string) => text(`参数有误：${detail}`, `Wrong arguments: ${detail}`),
  badLang: (value: string) =>
    text(`不支持的语言「${value}」，请用 zh-CN 或 en`, `Unsupported language "${value}"; use zh-CN or en`),
  internalError: (detail: string) =>
    text(
      `FlowDesk 内部出错（这是我们的问题，请反馈）：${detail}`,
      `FlowDesk failed internally (a bug on our side, please report it): ${detail}`,
    ),
} satisfies Record<string, LocalizedText | ((...args: never[]) => LocalizedText)>;

export const VALIDATE_TEXT = {
  summary: text('检查流程文件并列出问题', 'check a flow file and list its problems'),
  fileArgument: text('要检查的流程文件（JSON）', 'the flow file (JSON) to check'),
  optionJson: text(
    '以 JSON 输出：{ "ok": 是否无错误, "problems": [...] }',
    'print JSON: { "ok": no errors, "problems": [...] }',
  ),
  exit0: text('没有错误（可能有警告）', 'no errors (warnings allowed)'),
  exit1: text('流程有错误', 'the flow has errors'),
  exit2: text(
    '文件无法读取、不是 JSON、不是流程，或参数有误',
    'the file cannot be read, is not JSON or not a flow, or the arguments are wrong',
  ),
  missingFile: text('请指定要检查的流程文件', 'name the flow file to check'),
  tooManyFiles: text('一次只能检查一个文件', 'check one file at a time'),
  fileNotFound: (path: string) => text(`找不到文件：${path}`, `File not found: ${path}`),
  isDirectory: (path: string) =>
    text(`这是一个文件夹，不是文件：${path}`, `This is a folder, not a file: ${path}`),
  noPermission: (path: string) => text(`没有读取权限：${path}`, `No permission to read: ${path}`),
  tooLarge: (path: string, limitMb: number) =>
    text(`文件太大（超过 ${limitMb} MB）：${path}`, `The file is too large (over ${limitMb} MB): ${path}`),
  unreadable: (path: string, reason: string) =>
    text(`无法读取文件 ${path}：${reason}`, `Cannot read ${path}: ${reason}`),
  emptyFile: text('文件是空的', 'the file is empty'),
  malformedAtEnd: text('JSON 在结束前不完整（缺少后续内容）', 'the JSON ends before it is complete'),
  malformedAtCharacter: (character: string) =>
    text(`JSON 格式错误：此处不应出现 ${character}`, `malformed JSON: ${character} cannot appear here`),
  notAFlow: text('这不是一个流程文件', 'This is not a flow file'),
  noProblems: (file: string) => text(`${file}：未发现问题`, `${file}: no problems found`),
  counts: (file: string, errors: number, warnings: number) =>
    text(
      `${file}：${errors} 个错误，${warnings} 个警告`,
      `${file}: ${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`,
    ),
} satisfies Record<string, LocalizedText | ((...args: never[]) => LocalizedText)>;
