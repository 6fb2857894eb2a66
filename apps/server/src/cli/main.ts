import { parseArgs } from 'node:util';
import serverPackage from '../../package.json' with { type: 'json' };
import { CLI_TEXT } from '../messages/cli.messages.ts';
import { type CliIo, processIo } from './cli-io.ts';
import { normalizeLocale, resolveLocale } from './cli-locale.ts';
import { type CliCommand, type CommandContext, EXIT, type OptionSpecs } from './commands/command.types.ts';
import { COMMANDS, findCommand } from './commands/command-registry.ts';
import { renderCommandHelp, renderMainHelp } from './help.ts';

/*
 * The `flowdesk` command line: finds the command, parses its options strictly,
 * resolves the language and runs it. Every outcome is an exit code; nothing a
 * user types or a file contains makes it throw.
 */

const GLOBAL_OPTIONS: OptionSpecs = {
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};
const TOP_LEVEL_OPTIONS: OptionSpecs = { ...GLOBAL_OPTIONS, version: { type: 'boolean', short: 'v' } };

interface FirstLook {
  readonly lang?: string;
  /** Where the command name sits in argv, if there is one. */
  readonly commandIndex?: number;
}

/** A lenient first pass: only to find the command name and the language for messages. */
function firstLook(argv: readonly string[]): FirstLook {
  const { values, tokens } = parseArgs({
    args: [...argv],
    options: TOP_LEVEL_OPTIONS,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const command = tokens.find((token) => token.kind === 'positional');
  return {
    lang: typeof values.lang === 'string' ? values.lang : undefined,
    commandIndex: command?.index,
  };
}

function usageError(context: CommandContext, detail: string): number {
  context.io.stderr(`${CLI_TEXT.badArguments(detail)[context.locale]}\n`);
  return EXIT.unusable;
}

function runTopLevel(argv: readonly string[], context: CommandContext): number {
  const { values } = parseArgs({ args: [...argv], options: TOP_LEVEL_OPTIONS, strict: true });
  if (values.version === true) context.io.stdout(`${serverPackage.version}\n`);
  else context.io.stdout(renderMainHelp(COMMANDS, context.locale, serverPackage.version));
  return EXIT.ok;
}

async function runCommand(command: CliCommand, args: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { ...GLOBAL_OPTIONS, ...command.options },
    strict: true,
    allowPositionals: true,
  });
  if (values.help === true) {
    context.io.stdout(renderCommandHelp(command, context.locale));
    return EXIT.ok;
  }
  return command.run({ positionals, values }, context);
}

async function dispatch(argv: readonly string[], context: CommandContext): Promise<number> {
  const look = firstLook(argv);
  if (look.lang !== undefined && normalizeLocale(look.lang) === undefined) {
    return usageError(context, CLI_TEXT.badLang(look.lang)[context.locale]);
  }
  try {
    if (look.commandIndex === undefined) return runTopLevel(argv, context);
    const name = argv[look.commandIndex] ?? '';
    const command = findCommand(name);
    if (!command) {
      context.io.stderr(`${CLI_TEXT.unknownCommand(name)[context.locale]}\n`);
      return EXIT.unusable;
    }
    const args = argv.filter((_, index) => index !== look.commandIndex);
    return await runCommand(command, args, context);
  } catch (error) {
    // parseArgs reports unknown options and missing values with a code; its words are English only.
    if ((error as { code?: unknown } | null)?.code?.toString().startsWith('ERR_PARSE_ARGS')) {
      return usageError(context, (error as Error).message);
    }
    throw error;
  }
}

/** Runs the command line in-process and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let locale = resolveLocale(undefined, io.env);
  try {
    locale = resolveLocale(firstLook(argv).lang, io.env);
    return await dispatch(argv, { io, locale });
  } catch (error) {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr(`${CLI_TEXT.internalError(detail)[locale]}\n`);
    return EXIT.internal;
  }
}

/** Entry point of bin/flowdesk.mjs. */
export function main(argv: readonly string[]): Promise<number> {
  return runCli(argv, processIo());
}
