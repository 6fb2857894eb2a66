import type { CliCommand } from './command.types.ts';
import { validateCommand } from './validate.command.ts';

/** Every command, in the order `flowdesk --help` lists them. */
export const COMMANDS: readonly CliCommand[] = [validateCommand];

export function findCommand(name: string): CliCommand | undefined {
  return COMMANDS.find((command) => command.name === name);
}
