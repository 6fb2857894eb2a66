import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm start` must never serve a stale web app: build apps/web when dist is
 * missing or anything it is built from (src, index.html, vite config) changed
 * after the last build. The embeddable chat widget (dist-widget/widget.js,
 * served at /widget.js) is a second build with its own sources.
 */

export const WEB_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const BUILT_MARKER = join(WEB_DIR, 'dist', 'index.html');
const SOURCES = ['src', 'index.html', 'vite.config.ts'];
const WIDGET_MARKER = join(WEB_DIR, 'dist-widget', 'widget.js');
const WIDGET_SOURCES = ['widget', 'vite.widget.config.ts'];

function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(path).reduce(
    (newest, entry) => Math.max(newest, newestChange(join(path, entry))),
    stats.mtimeMs,
  );
}

function isStale(marker: string, sources: readonly string[]): boolean {
  if (!existsSync(marker)) return true;
  const builtAt = statSync(marker).mtimeMs;
  return sources.some((source) => newestChange(join(WEB_DIR, source)) > builtAt);
}

export function webBuildIsStale(): boolean {
  return isStale(BUILT_MARKER, SOURCES);
}

export function widgetBuildIsStale(): boolean {
  return isStale(WIDGET_MARKER, WIDGET_SOURCES);
}

function viteBuild(extraArgs: string[]): void {
  // Vitest sets NODE_ENV=test; inherited, it would make Vite bundle React's development build.
  const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn', ...extraArgs], {
    cwd: WEB_DIR,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) throw new Error(`The web app build failed (exit code ${result.status ?? 'none'})`);
}

/** Builds the web app if needed; returns whether it built. Throws when the build fails. */
export function ensureWebBuild(log: (line: string) => void = console.log): boolean {
  let built = false;
  if (webBuildIsStale()) {
    log('FlowDesk: building the web app (apps/web)…');
    viteBuild([]);
    built = true;
  }
  if (widgetBuildIsStale()) {
    log('FlowDesk: building the chat widget (apps/web/widget)…');
    viteBuild(['-c', 'vite.widget.config.ts']);
    built = true;
  }
  return built;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    ensureWebBuild();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
