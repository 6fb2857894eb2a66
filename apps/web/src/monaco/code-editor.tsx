import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';

/** The Monaco editor, loaded on first use: importing this file does not load Monaco. */
const MonacoEditor = lazy(async () => {
  await import('./monaco-setup.ts');
  const { default: Editor } = await import('@monaco-editor/react');
  return { default: Editor };
});

export interface CodeEditorProps {
  value: string;
  onChange: (value: string) => void;
  language: 'cel' | 'json';
  ariaLabel: string;
  height: number | string;
  /** A model path; JSON schemas are matched against it. */
  path?: string;
}

export function CodeEditor(props: CodeEditorProps) {
  const { t } = useTranslation();
  return (
    <div className="code-editor" data-testid={`code-editor-${props.language}`}>
      <Suspense fallback={<p role="status">{t('common.loadingEditor')}</p>}>
        <MonacoEditor
          height={props.height}
          language={props.language}
          value={props.value}
          {...(props.path ? { path: props.path } : {})}
          onChange={(value) => props.onChange(value ?? '')}
          options={{
            ariaLabel: props.ariaLabel,
            minimap: { enabled: false },
            lineNumbers: props.language === 'json' ? 'on' : 'off',
            wordWrap: 'on',
            scrollBeyondLastLine: false,
            fontSize: 13,
            tabSize: 2,
          }}
        />
      </Suspense>
    </div>
  );
}
