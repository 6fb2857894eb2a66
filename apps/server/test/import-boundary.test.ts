import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/*
 * packages/model and packages/engine stay pure: biome.json forbids Node modules,
 * persistence and app imports there (correctness/noNodejsModules,
 * style/noRestrictedImports). This proves the rule bites: it writes a probe file
 * with a forbidden import where the rule applies (overrides go by path), runs
 * Biome on it, and always removes it again.
 */

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const biome = join(repoRoot, 'node_modules/.bin/biome');

interface Lint {
  code: number;
  output: string;
}

async function lintProbe(folder: string, source: string): Promise<Lint> {
  const file = join(repoRoot, folder, `import-boundary-probe-${randomUUID()}.ts`);
  await writeFile(file, source);
  try {
    return await new Promise((resolve) => {
      execFile(
        biome,
        ['lint', '--colors=off', file],
        { cwd: repoRoot, timeout: 15_000 },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
          resolve({ code, output: stdout + stderr });
        },
      );
    });
  } finally {
    await rm(file, { force: true });
  }
}

const NODE_IO = "import { readFileSync } from 'node:fs';\n\nexport const probe = readFileSync;\n";
const STORE = "import * as store from '@flowdesk/store';\n\nexport const probe = store;\n";
const APP = "import * as server from '../../../apps/server/src/index.ts';\n\nexport const probe = server;\n";

describe('import boundary of the pure packages', () => {
  it.each([
    ['packages/engine/src', NODE_IO, 'lint/correctness/noNodejsModules'],
    ['packages/model/src', NODE_IO, 'lint/correctness/noNodejsModules'],
    ['packages/model/src', STORE, 'lint/style/noRestrictedImports'],
    ['packages/engine/src', APP, 'lint/style/noRestrictedImports'],
  ])('fails lint in %s for %j', async (folder, source, rule) => {
    const lint = await lintProbe(folder, source);
    expect(lint.code, lint.output).not.toBe(0);
    expect(lint.output).toContain(rule);
  });

  it('lets the server, which does I/O, import Node modules', async () => {
    const lint = await lintProbe('apps/server/src', NODE_IO);
    expect(lint.output).not.toContain('noNodejsModules');
    expect(lint.code, lint.output).toBe(0);
  });
});
