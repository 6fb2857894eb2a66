import type { FlowGraph, LocalizedText } from '@flowdesk/model';

/** A flow as the editor opens it: its draft and what the toolbar shows about its published versions. */
export interface LoadedFlow {
  id: string;
  name: string;
  /** Both languages' names (flows installed from a template); the title shows the interface language's. */
  localizedName?: LocalizedText;
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
