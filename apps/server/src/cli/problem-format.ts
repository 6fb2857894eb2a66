import type { Locale, Problem } from '@flowdesk/model';
import type { CliProblem } from './check-flow-file.ts';

/*
 * Messages quote what the file says (node types, unknown keys), so a crafted
 * file could carry terminal escape sequences or fake extra lines. Control
 * characters are shown escaped instead of being sent to the terminal.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_RE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

export function printable(text: string): string {
  return text.replace(CONTROL_RE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `ERROR node-12 config.threshold: message` — the parts that are absent are left out. */
export function formatProblemLine(problem: CliProblem, locale: Locale): string {
  const tag = problem.severity === 'error' ? 'ERROR' : 'WARNING';
  const where = [problem.location, problem.nodeId, problem.edgeId, problem.field].filter(Boolean).join(' ');
  return printable(`${tag}${where ? ` ${where}` : ''}: ${problem.message[locale]}`);
}

export function countProblems(problems: readonly Problem[]): { errors: number; warnings: number } {
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  return { errors, warnings: problems.length - errors };
}
