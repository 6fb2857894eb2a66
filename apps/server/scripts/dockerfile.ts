import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Reads the repository's Dockerfile as data, so that the image build can be
 * checked and replayed on machines without a Docker engine (our CI has none).
 * Only what our Dockerfile uses is understood: FROM, WORKDIR, ENV, COPY, RUN
 * and the metadata instructions; anything else is an error, so a new kind of
 * step cannot slip past the replay unnoticed.
 */

export type Instruction =
  | { readonly kind: 'FROM'; readonly image: string; readonly stage?: string }
  | { readonly kind: 'WORKDIR'; readonly path: string }
  | { readonly kind: 'ENV'; readonly variables: Readonly<Record<string, string>> }
  | {
      readonly kind: 'COPY';
      readonly from?: string;
      readonly sources: readonly string[];
      readonly target: string;
    }
  | { readonly kind: 'RUN'; readonly command: string }
  | { readonly kind: 'CMD'; readonly argv: readonly string[] }
  | { readonly kind: 'METADATA'; readonly keyword: string; readonly text: string };

export interface Stage {
  readonly image: string;
  readonly name?: string;
  readonly steps: readonly Instruction[];
}

const METADATA = new Set(['EXPOSE', 'HEALTHCHECK', 'USER', 'LABEL', 'ARG']);

/** Joins continued lines and drops comments, keeping one logical instruction per entry. */
function logicalLines(text: string): string[] {
  const lines: string[] = [];
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    if (current === '' && (line.trim() === '' || line.trimStart().startsWith('#'))) continue;
    if (line.endsWith('\\')) {
      current += `${line.slice(0, -1)} `;
      continue;
    }
    lines.push((current + line).trim());
    current = '';
  }
  if (current.trim() !== '') lines.push(current.trim());
  return lines;
}

function parseEnv(text: string): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const pair of text.split(/\s+/).filter(Boolean)) {
    const equals = pair.indexOf('=');
    if (equals <= 0) throw new Error(`Dockerfile: ENV needs KEY=value pairs, got "${pair}"`);
    variables[pair.slice(0, equals)] = pair.slice(equals + 1);
  }
  return variables;
}

function parseCopy(text: string): Instruction {
  const words = text.split(/\s+/).filter(Boolean);
  let from: string | undefined;
  while (words[0]?.startsWith('--')) {
    const flag = words.shift() as string;
    if (flag.startsWith('--from=')) from = flag.slice('--from='.length);
    else throw new Error(`Dockerfile: COPY flag ${flag} is not understood by the replay`);
  }
  const target = words.pop();
  if (!target || words.length === 0)
    throw new Error(`Dockerfile: COPY needs sources and a target: "${text}"`);
  return { kind: 'COPY', ...(from ? { from } : {}), sources: words, target };
}

function parseInstruction(line: string): Instruction {
  const space = line.search(/\s/);
  const keyword = (space < 0 ? line : line.slice(0, space)).toUpperCase();
  const text = space < 0 ? '' : line.slice(space + 1).trim();
  switch (keyword) {
    case 'FROM': {
      const [image, as, stage] = text.split(/\s+/);
      if (!image) throw new Error('Dockerfile: FROM without an image');
      return as?.toUpperCase() === 'AS' && stage ? { kind: 'FROM', image, stage } : { kind: 'FROM', image };
    }
    case 'WORKDIR':
      return { kind: 'WORKDIR', path: text };
    case 'ENV':
      return { kind: 'ENV', variables: parseEnv(text) };
    case 'COPY':
      return parseCopy(text);
    case 'RUN':
      return { kind: 'RUN', command: text };
    case 'CMD':
      return { kind: 'CMD', argv: JSON.parse(text) as string[] };
    default:
      if (METADATA.has(keyword)) return { kind: 'METADATA', keyword, text };
      throw new Error(`Dockerfile: ${keyword} is not understood by the replay`);
  }
}

export function parseDockerfile(text: string): Stage[] {
  const stages: { image: string; name?: string; steps: Instruction[] }[] = [];
  for (const line of logicalLines(text)) {
    const instruction = parseInstruction(line);
    if (instruction.kind === 'FROM') {
      stages.push({
        image: instruction.image,
        ...(instruction.stage ? { name: instruction.stage } : {}),
        steps: [],
      });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) throw new Error(`Dockerfile: ${instruction.kind} before the first FROM`);
    stage.steps.push(instruction);
  }
  return stages;
}

export function readDockerfile(root: string): Stage[] {
  return parseDockerfile(readFileSync(join(root, 'Dockerfile'), 'utf8'));
}

/**
 * The `package.json` of every npm workspace, relative to the root, as the root
 * package.json declares them (`packages/*`, `apps/*`). `npm ci` needs all of
 * them before the sources are copied, or it fails on the lockfile.
 */
export function workspaceManifests(root: string): string[] {
  const { workspaces = [] } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    workspaces?: string[];
  };
  const manifests: string[] = [];
  for (const pattern of workspaces) {
    if (!pattern.endsWith('/*')) {
      manifests.push(`${pattern}/package.json`);
      continue;
    }
    const parent = pattern.slice(0, -2);
    for (const entry of readdirSync(resolve(root, parent), { withFileTypes: true })) {
      if (entry.isDirectory() && existsSync(resolve(root, parent, entry.name, 'package.json'))) {
        manifests.push(`${parent}/${entry.name}/package.json`);
      }
    }
  }
  return manifests.sort();
}

/** The files a stage copies from the build context before its first RUN (the install layer). */
export function copiedBeforeFirstRun(stage: Stage): string[] {
  const copied: string[] = [];
  for (const step of stage.steps) {
    if (step.kind === 'RUN') break;
    if (step.kind === 'COPY' && !step.from) {
      const directory = step.target.endsWith('/') ? step.target : '';
      for (const source of step.sources) {
        copied.push(directory && directory !== './' ? `${directory}${source.split('/').at(-1)}` : source);
      }
    }
  }
  return copied;
}
