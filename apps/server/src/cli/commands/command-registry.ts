import { analyticsCommand } from './analytics.command.ts';
import { classifyCommand } from './classify.command.ts';
import type { CliCommand } from './command.types.ts';
import { flowsCommand } from './flows.command.ts';
import { reportCommand } from './report.command.ts';
import { runCommand } from './run.command.ts';
import { secretsCommand } from './secrets.command.ts';
import { serveCommand } from './serve.command.ts';
import { shadowCommand } from './shadow.command.ts';
import { templatesCommand } from './templates.command.ts';
import { validateCommand } from './validate.command.ts';
import { workerCommand } from './worker.command.ts';

/** Every command, in the order `flowdesk --help` lists them. */
export const COMMANDS: readonly CliCommand[] = [
  serveCommand,
  workerCommand,
  runCommand,
  flowsCommand,
  reportCommand,
  analyticsCommand,
  validateCommand,
  shadowCommand,
  classifyCommand,
  templatesCommand,
  secretsCommand,
];

export function findCommand(name: string): CliCommand | undefined {
  return COMMANDS.find((command) => command.name === name);
}
