import { hasErrors } from '@flowdesk/model';
import { CLI_TEXT, VALIDATE_TEXT } from '../../messages/cli.messages.ts';
import { type CliProblem, checkFlowFile, type FlowFileCheck } from '../check-flow-file.ts';
import type { CliIo } from '../cli-io.ts';
import { countProblems, formatProblemLine, printable } from '../problem-format.ts';
import { type CliCommand, type CommandContext, EXIT, type ExitCode } from './command.types.ts';

/** `flowdesk validate <flow.json>`: lint one flow file, one line per problem. */
export const validateCommand: CliCommand = {
  name: 'validate',
  usage: 'validate <flow.json> [--json]',
  summary: VALIDATE_TEXT.summary,
  options: { json: { type: 'boolean' } },
  optionHelp: { json: VALIDATE_TEXT.optionJson },
  exitCodes: [
    [EXIT.ok, VALIDATE_TEXT.exit0],
    [EXIT.problems, VALIDATE_TEXT.exit1],
    [EXIT.unusable, VALIDATE_TEXT.exit2],
  ],
  async run({ positionals, values }, context) {
    const [path, ...extra] = positionals;
    if (path === undefined || extra.length > 0) {
      const reason = path === undefined ? VALIDATE_TEXT.missingFile : VALIDATE_TEXT.tooManyFiles;
      context.io.stderr(`${CLI_TEXT.badArguments(reason[context.locale])[context.locale]}\n`);
      return EXIT.unusable;
    }
    const check = await checkFlowFile(path, context.io.cwd);
    if (values.json === true) printJson(check, context.io);
    else printText(check, path, context);
    return exitCodeOf(check);
  },
};

function exitCodeOf(check: FlowFileCheck): ExitCode {
  switch (check.kind) {
    case 'unusable':
      return EXIT.unusable;
    case 'linted':
      return hasErrors(check.problems) ? EXIT.problems : EXIT.ok;
  }
}

function printJson(check: FlowFileCheck, io: CliIo): void {
  const problems: readonly CliProblem[] = check.problems;
  io.stdout(`${JSON.stringify({ ok: exitCodeOf(check) === EXIT.ok, problems }, null, 2)}\n`);
}

function printText(check: FlowFileCheck, path: string, { io, locale }: CommandContext): void {
  const lines = check.problems.map((problem) => `${formatProblemLine(problem, locale)}\n`);
  switch (check.kind) {
    case 'unusable':
      io.stderr(lines.join(''));
      return;
    case 'linted': {
      const { errors, warnings } = countProblems(check.problems);
      const file = printable(path);
      const summary =
        errors + warnings === 0
          ? VALIDATE_TEXT.noProblems(file)
          : VALIDATE_TEXT.counts(file, errors, warnings);
      io.stdout(`${lines.join('')}${summary[locale]}\n`);
      return;
    }
  }
}
