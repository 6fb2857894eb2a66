import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { WEB_DIR } from './ensure-web-build.ts';

/**
 * The JavaScript a browser downloads before the first screen: the entry
 * script and its modulepreloads in dist/index.html, gzipped. Lazy chunks
 * (the canvas, Monaco) are listed apart. Run after `vite build`; a folder
 * given as the first argument is measured instead of apps/web/dist.
 */

/** `npx tsx scripts/bundle-size.ts [dist]`: another build's folder (`vite build --outDir`) measures without touching the shared one. */
const DIST = process.argv[2] ?? join(WEB_DIR, 'dist');
/** The first screen's JavaScript budget (BENCHMARKS.md, "Web app"): gzip, entry and modulepreloads. */
export const INITIAL_BUDGET_KB = 350;

function gzipKb(file: string): number {
  return gzipSync(readFileSync(join(DIST, file)), { level: 9 }).length / 1024;
}

export function initialScripts(html: string): string[] {
  const sources = [
    ...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="\/([^"]+\.js)"/g),
  ];
  return sources.map((match) => match[1] ?? '').filter(Boolean);
}

const html = readFileSync(join(DIST, 'index.html'), 'utf8');
const initial = initialScripts(html);
const initialKb = initial.reduce((sum, file) => sum + gzipKb(file), 0);
const lazy = readdirSync(join(DIST, 'assets'))
  .map((file) => `assets/${file}`)
  .filter((file) => file.endsWith('.js') && !initial.includes(file));
const lazyKb = lazy.reduce((sum, file) => sum + gzipKb(file), 0);
const biggest = lazy
  .map((file) => ({ file, kb: gzipKb(file) }))
  .sort((a, b) => b.kb - a.kb)
  .slice(0, 5);

console.log(
  `initial JS (gzip): ${initialKb.toFixed(1)} KB in ${initial.length} files (budget ${INITIAL_BUDGET_KB} KB)`,
);
for (const file of initial) console.log(`  ${file}: ${gzipKb(file).toFixed(1)} KB`);
console.log(`lazy JS (gzip): ${lazyKb.toFixed(1)} KB in ${lazy.length} files; biggest:`);
for (const { file, kb } of biggest) console.log(`  ${file}: ${kb.toFixed(1)} KB`);
if (initialKb > INITIAL_BUDGET_KB) {
  console.error(`initial JS is over its budget: ${initialKb.toFixed(1)} KB > ${INITIAL_BUDGET_KB} KB`);
  process.exitCode = 1;
}
