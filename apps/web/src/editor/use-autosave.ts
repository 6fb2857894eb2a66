import type { FlowGraph } from '@flowdesk/model';
import { useCallback, useEffect, useRef, useState } from 'react';
import { isConflict } from '../api/api-error.ts';
import { useTRPCClient } from '../api/trpc.ts';

/** Quiet time after the last edit before the draft is saved. */
export const AUTOSAVE_DELAY_MS = 800;

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'conflict' | 'error';

export interface SaveState {
  status: SaveStatus;
  /** The server's draft revision our last save produced (sent back as expectedRevision). */
  revision: number;
  error?: unknown;
}

/**
 * Saves the draft shortly after each edit, one request at a time, always with
 * the revision it last saw. If someone else saved in between, the server
 * answers CONFLICT and saving stops until the user reloads: never a silent
 * overwrite.
 */
export function useAutosave(flowId: string, graph: FlowGraph, initialRevision: number) {
  const client = useTRPCClient();
  const [state, setState] = useState<SaveState>({ status: 'saved', revision: initialRevision });
  const latest = useRef(graph);
  const lastSaved = useRef(graph);
  const revision = useRef(initialRevision);
  const inFlight = useRef(false);
  const blocked = useRef(false);
  latest.current = graph;

  const flush = useCallback(async (): Promise<void> => {
    if (inFlight.current || blocked.current) return;
    const toSave = latest.current;
    if (toSave === lastSaved.current) {
      setState({ status: 'saved', revision: revision.current });
      return;
    }
    inFlight.current = true;
    setState({ status: 'saving', revision: revision.current });
    try {
      const saved = await client.flows.updateDraft.mutate({
        id: flowId,
        graph: toSave,
        expectedRevision: revision.current,
      });
      revision.current = saved.draftRevision;
      lastSaved.current = toSave;
      setState({ status: latest.current === toSave ? 'saved' : 'pending', revision: saved.draftRevision });
    } catch (error) {
      if (isConflict(error)) blocked.current = true;
      setState({ status: isConflict(error) ? 'conflict' : 'error', revision: revision.current, error });
    } finally {
      inFlight.current = false;
    }
    if (!blocked.current && latest.current !== lastSaved.current)
      setTimeout(() => void flush(), AUTOSAVE_DELAY_MS);
  }, [client, flowId]);

  useEffect(() => {
    if (graph === lastSaved.current || blocked.current) return;
    setState((current) => (current.status === 'saving' ? current : { ...current, status: 'pending' }));
    const timer = setTimeout(() => void flush(), AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [graph, flush]);

  // Leaving the editor saves what is pending; closing the tab with unsaved work asks first.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (latest.current !== lastSaved.current && !blocked.current) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      window.removeEventListener('beforeunload', warn);
      void flush();
    };
  }, [flush]);

  return { ...state, flush };
}
