import type { CliCommand } from './command.types.ts';
import { serveCommand } from './serve.command.ts';
import { validateCommand } from './validate.command.ts';

/** Every command, in the order `flowdesk --help` lists them. */
export const COMMANDS: readonly CliCommand[] = [serveCommand, validateCommand];

export function findCommand(name: string): CliCommand | undefined {
  return COMMANDS.find((command) => command.name === name);
}
