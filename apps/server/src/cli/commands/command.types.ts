import type { ParseArgsConfig } from 'node:util';
import type { Locale, LocalizedText } from '@flowdesk/model';
import type { CliIo } from '../cli-io.ts';

/** Exit codes shared by every command, so scripts can rely on them. */
export const EXIT = {
  /** Done; for validate: no errors (warnings allowed). */
  ok: 0,
  /** The input was read and has problems the user must fix (validate: lint errors). */
  problems: 1,
  /** The input could not be used at all: unreadable file, malformed JSON, not a flow, wrong arguments. */
  unusable: 2,
  /** A bug in FlowDesk. */
  internal: 3,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

export interface CommandInput {
  readonly positionals: readonly string[];
  readonly values: Readonly<Record<string, string | boolean | Array<string | boolean> | undefined>>;
}

export interface CommandContext {
  readonly io: CliIo;
  readonly locale: Locale;
}

/** One `flowdesk <name>` command. Adding a command = one file under commands/ + one line in the registry. */
export interface CliCommand {
  readonly name: string;
  /** What follows `flowdesk` in the usage line, e.g. `validate <flow.json> [--json]`. */
  readonly usage: string;
  readonly summary: LocalizedText;
  /** Options besides the global --lang and --help, parsed strictly by the dispatcher. */
  readonly options: OptionSpecs;
  readonly optionHelp: Readonly<Record<string, LocalizedText>>;
  readonly exitCodes: ReadonlyArray<readonly [ExitCode, LocalizedText]>;
  run(input: CommandInput, context: CommandContext): Promise<ExitCode>;
}
