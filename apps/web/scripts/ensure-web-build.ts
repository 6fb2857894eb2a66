import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm start` must never serve a stale web app: build apps/web when dist is
 * missing or anything it is built from (src, index.html, vite config) changed
 * after the last build.
 */

export const WEB_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const BUILT_MARKER = join(WEB_DIR, 'dist', 'index.html');
const SOURCES = ['src', 'index.html', 'vite.config.ts'];

function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(path).reduce(
    (newest, entry) => Math.max(newest, newestChange(join(path, entry))),
    stats.mtimeMs,
  );
}

export function webBuildIsStale(): boolean {
  if (!existsSync(BUILT_MARKER)) return true;
  const builtAt = statSync(BUILT_MARKER).mtimeMs;
  return SOURCES.some((source) => newestChange(join(WEB_DIR, source)) > builtAt);
}

/** Builds the web app if needed; returns whether it built. Throws when the build fails. */
export function ensureWebBuild(log: (line: string) => void = console.log): boolean {
  if (!webBuildIsStale()) return false;
  log('FlowDesk: building the web app (apps/web)…');
  // Vitest sets NODE_ENV=test; inherited, it would make Vite bundle React's development build.
  const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
    cwd: WEB_DIR,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) throw new Error(`The web app build failed (exit code ${result.status ?? 'none'})`);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    ensureWebBuild();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
