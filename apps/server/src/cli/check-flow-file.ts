import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  type FlowGraph,
  type LocalizedText,
  lintFlow,
  type Problem,
  readFlowDocument,
} from '@flowdesk/model';
import { VALIDATE_TEXT } from '../messages/cli.messages.ts';
import { locateJsonFault } from './json-fault.ts';

/** A flow is at most a few MB; anything far larger is a mistake, not a flow. */
const MAX_FILE_MB = 20;

/** A problem the command line adds: where in the text a JSON fault is. */
export interface CliProblem extends Problem {
  /** `flow.json:3:14`, the form editors and terminals turn into a link. */
  readonly location?: string;
  readonly position?: { readonly line: number; readonly column: number; readonly offset: number };
}

export type FlowFileCheck =
  /** The file could not be used as a flow: unreadable, malformed JSON, or not shaped like a flow. */
  | { readonly kind: 'unusable'; readonly problems: readonly CliProblem[] }
  /** A flow that was linted; its problems may be empty. */
  | {
      readonly kind: 'linted';
      readonly name?: string;
      readonly graph: FlowGraph;
      readonly problems: readonly Problem[];
    };

function unusable(code: string, message: LocalizedText, extra: Partial<CliProblem> = {}): FlowFileCheck {
  return { kind: 'unusable', problems: [{ code, severity: 'error', message, ...extra }] };
}

type TextRead =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly check: FlowFileCheck };

async function readText(path: string, cwd: string): Promise<TextRead> {
  const absolute = resolve(cwd, path);
  try {
    const info = await stat(absolute);
    if (info.isDirectory())
      return { ok: false, check: unusable('file.unreadable', VALIDATE_TEXT.isDirectory(path)) };
    if (info.size > MAX_FILE_MB * 1024 * 1024) {
      return { ok: false, check: unusable('file.unreadable', VALIDATE_TEXT.tooLarge(path, MAX_FILE_MB)) };
    }
    // TextDecoder drops a byte-order mark, which JSON.parse would refuse; editors on Windows add one.
    return { ok: true, text: new TextDecoder('utf-8').decode(await readFile(absolute)) };
  } catch (error) {
    return { ok: false, check: unusable('file.unreadable', describeReadError(path, error)) };
  }
}

function describeReadError(path: string, error: unknown): LocalizedText {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return VALIDATE_TEXT.fileNotFound(path);
  if (code === 'EACCES' || code === 'EPERM') return VALIDATE_TEXT.noPermission(path);
  if (code === 'EISDIR') return VALIDATE_TEXT.isDirectory(path);
  return VALIDATE_TEXT.unreadable(path, error instanceof Error ? error.message : String(error));
}

export type JsonRead =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly check: FlowFileCheck };

function parseJson(text: string, path: string): JsonRead {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const fault = locateJsonFault(text, error instanceof Error ? error.message : '');
    const what =
      text.trim() === ''
        ? VALIDATE_TEXT.emptyFile
        : fault.found.kind === 'end'
          ? VALIDATE_TEXT.malformedAtEnd
          : VALIDATE_TEXT.malformedAtCharacter(JSON.stringify(fault.found.character));
    return {
      ok: false,
      check: unusable('json.malformed', what, {
        location: `${path}:${fault.line}:${fault.column}`,
        position: { line: fault.line, column: fault.column, offset: fault.offset },
      }),
    };
  }
}

/** Reads and parses a JSON file, or says exactly why it cannot be used. */
export async function readJsonFile(path: string, cwd: string): Promise<JsonRead> {
  const read = await readText(path, cwd);
  return read.ok ? parseJson(read.text, path) : read;
}

/** Reads, parses and lints one flow file. Never throws for any file content. */
export async function checkFlowFile(path: string, cwd: string): Promise<FlowFileCheck> {
  const json = await readJsonFile(path, cwd);
  if (!json.ok) return json.check;
  const document = readFlowDocument(json.value);
  if (!document.ok) return { kind: 'unusable', problems: document.problems };
  return { kind: 'linted', name: document.name, graph: document.graph, problems: lintFlow(document.graph) };
}
