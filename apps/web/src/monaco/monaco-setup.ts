import { loader } from '@monaco-editor/react';
import * as monaco from 'monaco-editor';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/esm/vs/language/json/json.worker?worker';
import { registerCelLanguage } from './cel-language.ts';

/**
 * Monaco comes from our own bundle, never a CDN: the loader is pointed at the
 * imported module and the workers are bundled by Vite. This file is only
 * reached through a dynamic import, so Monaco stays in its own lazy chunk.
 */
self.MonacoEnvironment = {
  getWorker: (_workerId: string, label: string) => (label === 'json' ? new JsonWorker() : new EditorWorker()),
};
loader.config({ monaco });
registerCelLanguage(monaco);

export { monaco };
