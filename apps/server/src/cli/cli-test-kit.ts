import { fileURLToPath } from 'node:url';
import type { CliIo } from './cli-io.ts';

/** An in-memory terminal for runCli tests. */
export interface MemoryIo extends CliIo {
  readonly out: () => string;
  readonly err: () => string;
}

export function memoryIo(env: Record<string, string | undefined> = {}, cwd = repoRoot()): MemoryIo {
  let out = '';
  let err = '';
  return {
    stdout: (text) => {
      out += text;
    },
    stderr: (text) => {
      err += text;
    },
    env,
    cwd,
    out: () => out,
    err: () => err,
  };
}

export function repoRoot(): string {
  return fileURLToPath(new URL('../../../../', import.meta.url));
}

export const FIXTURES = 'apps/server/test/fixtures';
