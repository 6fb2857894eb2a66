import type { FlowEdge, FlowGraph, FlowNode } from '@flowdesk/model';
import type { Selection } from './editor-store.ts';
import { edgeIdFor } from './flow-canvas.ts';

/**
 * Copy/paste as plain JSON, so nodes travel between flows (and browser tabs):
 * copied nodes keep their configs and the edges between them; pasting gives
 * them fresh ids and shifts them so they do not cover the originals.
 */

export const CLIPBOARD_FORMAT = 'flowdesk.clipboard/v1';
const STORAGE_KEY = 'flowdesk.clipboard';
const PASTE_OFFSET = 48;

export interface ClipboardContent {
  format: typeof CLIPBOARD_FORMAT;
  nodes: FlowNode[];
  edges: FlowEdge[];
}

export function copySelection(graph: FlowGraph, selection: Selection): ClipboardContent | undefined {
  const ids = new Set(selection.nodes);
  const nodes = graph.nodes.filter((node) => ids.has(node.id));
  if (nodes.length === 0) return undefined;
  const edges = graph.edges.filter((edge) => ids.has(edge.source) && ids.has(edge.target));
  return { format: CLIPBOARD_FORMAT, nodes: structuredClone(nodes), edges: structuredClone(edges) };
}

/** `logic.condition` → `condition_2` when `condition_1` is taken. Readable ids help in step logs. */
export function newNodeId(type: string, taken: ReadonlySet<string>): string {
  const base = (type.split('.').at(-1) ?? 'node').replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 50);
  for (let index = 1; ; index++) {
    const candidate = `${base}_${index}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** The nodes and edges to add for a paste into `graph`. */
export function pasteContent(
  content: ClipboardContent,
  graph: FlowGraph,
): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const taken = new Set(graph.nodes.map((node) => node.id));
  const renamed = new Map<string, string>();
  const nodes = content.nodes.map((node) => {
    const id = newNodeId(node.type, taken);
    taken.add(id);
    renamed.set(node.id, id);
    return {
      ...structuredClone(node),
      id,
      position: { x: node.position.x + PASTE_OFFSET, y: node.position.y + PASTE_OFFSET },
    };
  });
  const edges = content.edges.flatMap((edge) => {
    const source = renamed.get(edge.source);
    const target = renamed.get(edge.target);
    if (!source || !target) return [];
    return [{ id: edgeIdFor(source, edge.sourcePort, target), source, sourcePort: edge.sourcePort, target }];
  });
  return { nodes, edges };
}

function isClipboardContent(value: unknown): value is ClipboardContent {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<ClipboardContent>;
  return (
    candidate.format === CLIPBOARD_FORMAT && Array.isArray(candidate.nodes) && Array.isArray(candidate.edges)
  );
}

export function parseClipboard(textValue: string | null | undefined): ClipboardContent | undefined {
  if (!textValue) return undefined;
  try {
    const parsed: unknown = JSON.parse(textValue);
    return isClipboardContent(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Writes to the system clipboard when allowed, and always to local storage (other flows, other tabs). */
export async function writeClipboard(content: ClipboardContent): Promise<void> {
  const json = JSON.stringify(content);
  try {
    localStorage.setItem(STORAGE_KEY, json);
  } catch {
    // Storage full or refused: the system clipboard below may still work.
  }
  try {
    await navigator.clipboard?.writeText(json);
  } catch {
    // Permission refused: local storage already holds the copy.
  }
}

export async function readClipboard(): Promise<ClipboardContent | undefined> {
  try {
    const fromSystem = parseClipboard(await navigator.clipboard?.readText());
    if (fromSystem) return fromSystem;
  } catch {
    // Reading the system clipboard needs a permission; fall back to our own copy.
  }
  try {
    return parseClipboard(localStorage.getItem(STORAGE_KEY));
  } catch {
    return undefined;
  }
}
