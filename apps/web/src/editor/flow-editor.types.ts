import type { FlowGraph } from '@flowdesk/model';

/** A flow as the editor opens it: its draft and what the toolbar shows about its published versions. */
export interface LoadedFlow {
  id: string;
  name: string;
  description: string;
  draft: FlowGraph;
  draftRevision: number;
  latestVersion: number | null;
  runningByVersion: Array<{ version: number; running: number }>;
}

/** The editor's centre: the canvas, or the flow as JSON. */
export type EditorView = 'canvas' | 'json';

/** The dialog open over the editor, if any. */
export type EditorDialog = 'none' | 'publish' | 'shortcuts';
