import type { Locale } from '@flowdesk/model';
import { CLI_TEXT } from '../messages/cli.messages.ts';
import type { CliCommand } from './commands/command.types.ts';

const GLOBAL_OPTIONS = [
  ['--lang zh-CN|en', CLI_TEXT.optionLang],
  ['--help, -h', CLI_TEXT.optionHelp],
] as const;

function table(rows: ReadonlyArray<readonly [string, string]>): string[] {
  const width = Math.max(...rows.map(([left]) => left.length)) + 3;
  return rows.map(([left, right]) => `  ${left.padEnd(width)}${right}`);
}

export function renderMainHelp(commands: readonly CliCommand[], locale: Locale, version: string): string {
  return [
    `flowdesk ${version} — ${CLI_TEXT.tagline[locale]}`,
    '',
    `${CLI_TEXT.usage[locale]}: flowdesk <command> [options]`,
    '',
    `${CLI_TEXT.commands[locale]}:`,
    ...table(commands.map((command) => [command.usage, command.summary[locale]])),
    '',
    `${CLI_TEXT.options[locale]}:`,
    ...table([
      ...GLOBAL_OPTIONS.map(([flag, help]) => [flag, help[locale]] as const),
      ['--version, -v', CLI_TEXT.optionVersion[locale]],
    ]),
    '',
    CLI_TEXT.commandHelpHint[locale],
    '',
  ].join('\n');
}

export function renderCommandHelp(command: CliCommand, locale: Locale): string {
  const own = Object.entries(command.options).map(([name, spec]) => {
    const flag = spec.type === 'string' ? `--${name} <value>` : `--${name}`;
    return [flag, command.optionHelp[name]?.[locale] ?? ''] as const;
  });
  return [
    `${CLI_TEXT.usage[locale]}: flowdesk ${command.usage}`,
    '',
    command.summary[locale],
    '',
    `${CLI_TEXT.options[locale]}:`,
    ...table([...own, ...GLOBAL_OPTIONS.map(([flag, help]) => [flag, help[locale]] as const)]),
    '',
    `${CLI_TEXT.exitCodes[locale]}:`,
    ...table(command.exitCodes.map(([code, meaning]) => [String(code), meaning[locale]])),
    '',
  ].join('\n');
}
