import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FlowGraph, type LocalizedText, readFlowDocument } from '@flowdesk/model';
import type { z } from 'zod';
import { zodIssueDetails } from '../http/zod-details.ts';
import { TEMPLATE_TEXT } from '../messages/template.messages.ts';
import { type TemplateManifest, TemplateManifestSchema } from './template.schema.ts';
import { type TemplateSample, TemplateSampleSchema } from './template-sample.schema.ts';

/** The repository's `templates/` folder, seen from this file. */
export const TEMPLATES_DIR = fileURLToPath(new URL('../../../../templates/', import.meta.url));

export interface TemplateProblem {
  /** The file inside the template folder, e.g. `flows/intake.flow.json`. */
  readonly file: string;
  readonly message: LocalizedText;
}

export interface TemplateFlow {
  readonly key: string;
  readonly file: string;
  readonly name: LocalizedText;
  readonly description: LocalizedText;
  /** As written, with `[[setting]]` placeholders still in it. */
  readonly graph: FlowGraph;
}

export interface TemplateSampleFile {
  readonly file: string;
  readonly sample: TemplateSample;
}

export interface LoadedTemplate {
  readonly dir: string;
  readonly manifest: TemplateManifest;
  readonly flows: readonly TemplateFlow[];
  readonly samples: readonly TemplateSampleFile[];
}

export type TemplateLoad =
  | { readonly ok: true; readonly template: LoadedTemplate }
  | { readonly ok: false; readonly folder: string; readonly problems: readonly TemplateProblem[] };

type Read<T> = { ok: true; value: T } | { ok: false; problem: TemplateProblem };

async function readJson(dir: string, file: string): Promise<Read<unknown>> {
  let raw: string;
  try {
    raw = await readFile(join(dir, file), 'utf8');
  } catch {
    return { ok: false, problem: { file, message: TEMPLATE_TEXT.unreadable(file) } };
  }
  try {
    return { ok: true, value: JSON.parse(raw) };
  } catch (error) {
    return { ok: false, problem: { file, message: TEMPLATE_TEXT.notJson(file, (error as Error).message) } };
  }
}

function parseWith<S extends z.ZodType>(schema: S, file: string, value: unknown): Read<z.output<S>> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  const first = zodIssueDetails(parsed.error.issues, value)[0];
  const detail = first?.messages ?? { 'zh-CN': '格式不正确', en: 'wrong shape' };
  return {
    ok: false,
    problem: { file, message: TEMPLATE_TEXT.invalidField(file, first?.pointer ?? '', detail) },
  };
}

async function readFlow(dir: string, file: string): Promise<Read<FlowGraph>> {
  const json = await readJson(dir, file);
  if (!json.ok) return json;
  const read = readFlowDocument(json.value);
  if (read.ok) return { ok: true, value: read.graph };
  const first = read.problems[0];
  const detail = first?.message ?? { 'zh-CN': '不是流程文件', en: 'not a flow file' };
  return {
    ok: false,
    problem: { file, message: TEMPLATE_TEXT.invalidField(file, first?.field ?? '', detail) },
  };
}

async function readSamples(dir: string, problems: TemplateProblem[]): Promise<TemplateSampleFile[]> {
  let names: string[];
  try {
    names = (await readdir(join(dir, 'samples'))).filter((name) => name.endsWith('.json')).sort();
  } catch {
    names = [];
  }
  const samples: TemplateSampleFile[] = [];
  for (const name of names) {
    const file = `samples/${name}`;
    const json = await readJson(dir, file);
    const parsed = json.ok ? parseWith(TemplateSampleSchema, file, json.value) : json;
    if (parsed.ok) samples.push({ file, sample: parsed.value });
    else problems.push(parsed.problem);
  }
  return samples;
}

/** Reads one template folder: template.json, its flow files and samples, each checked against its schema. */
export async function loadTemplate(dir: string, folder: string): Promise<TemplateLoad> {
  const problems: TemplateProblem[] = [];
  const json = await readJson(dir, 'template.json');
  const manifest = json.ok ? parseWith(TemplateManifestSchema, 'template.json', json.value) : json;
  if (!manifest.ok) return { ok: false, folder, problems: [manifest.problem] };
  if (manifest.value.id !== folder) {
    problems.push({ file: 'template.json', message: TEMPLATE_TEXT.idMismatch(folder, manifest.value.id) });
  }
  const flows: TemplateFlow[] = [];
  for (const entry of manifest.value.flows) {
    const graph = await readFlow(dir, entry.file);
    if (graph.ok) flows.push({ ...entry, graph: graph.value });
    else problems.push(graph.problem);
  }
  const samples = await readSamples(dir, problems);
  if (samples.length === 0 && problems.length === 0) {
    problems.push({ file: 'samples/', message: TEMPLATE_TEXT.noSamples(folder) });
  }
  if (problems.length > 0) return { ok: false, folder, problems };
  return { ok: true, template: { dir, manifest: manifest.value, flows, samples } };
}

/** Every folder under `templates/` that holds a template.json, in name order. */
export async function loadTemplates(root = TEMPLATES_DIR): Promise<TemplateLoad[]> {
  const entries = await readdir(root, { withFileTypes: true });
  const folders = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  const loads: TemplateLoad[] = [];
  for (const folder of folders.sort()) {
    const dir = join(root, folder);
    const files = await readdir(dir);
    if (files.includes('template.json')) loads.push(await loadTemplate(dir, folder));
  }
  return loads;
}
