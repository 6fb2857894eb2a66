import type * as Monaco from 'monaco-editor';

/** Field paths offered by completion; the editor sets them for the flow being edited. */
let completionPaths: ReadonlyArray<{ path: string; label: string }> = [];

export function setCelCompletions(paths: ReadonlyArray<{ path: string; label: string }>): void {
  completionPaths = paths;
}

let registered = false;

/** CEL highlighting and field completion for the advanced condition editor. */
export function registerCelLanguage(monaco: typeof Monaco): void {
  if (registered) return;
  registered = true;
  monaco.languages.register({ id: 'cel' });
  monaco.languages.setMonarchTokensProvider('cel', {
    keywords: ['true', 'false', 'null', 'in', 'has', 'size', 'matches', 'startsWith', 'endsWith', 'contains'],
    tokenizer: {
      root: [
        [/[A-Za-z_][\w]*/, { cases: { '@keywords': 'keyword', '@default': 'identifier' } }],
        [/"([^"\\]|\\.)*"/, 'string'],
        [/'([^'\\]|\\.)*'/, 'string'],
        [/\d+(\.\d+)?/, 'number'],
        [/&&|\|\||==|!=|>=|<=|[<>!?:+\-*/%]/, 'operator'],
      ],
    },
  });
  monaco.languages.registerCompletionItemProvider('cel', {
    triggerCharacters: ['.'],
    provideCompletionItems(model, position) {
      const word = model.getWordUntilPosition(position);
      const line = model.getLineContent(position.lineNumber).slice(0, position.column - 1);
      const typed = /[\w.]*$/.exec(line)?.[0] ?? '';
      const range = {
        startLineNumber: position.lineNumber,
        endLineNumber: position.lineNumber,
        startColumn: position.column - typed.length,
        endColumn: word.endColumn,
      };
      return {
        suggestions: completionPaths.map((field) => ({
          label: field.path,
          detail: field.label,
          kind: monaco.languages.CompletionItemKind.Field,
          insertText: field.path,
          range,
        })),
      };
    },
  });
}
