import { FLOW_FILE_FORMAT, type FlowGraph, readFlowDocument } from '@flowdesk/model';
import { Upload } from 'lucide-react';
import { type ChangeEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../i18n/i18n.ts';
import { CodeEditor } from '../monaco/code-editor.tsx';
import { configureFlowJsonSchema, FLOW_JSON_PATH } from '../monaco/json-schema-setup.ts';

configureFlowJsonSchema();

function toText(graph: FlowGraph, name: string): string {
  return JSON.stringify({ format: FLOW_FILE_FORMAT, name, ...graph }, null, 2);
}

/**
 * The flow as a flow file in Monaco, checked against the committed JSON
 * Schema. Edits apply to the canvas only when the text reads as a flow, so a
 * half-typed file never breaks the graph; "Apply" is one undoable change.
 */
export default function JsonView(props: {
  graph: FlowGraph;
  name: string;
  onApply: (graph: FlowGraph) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [text, setText] = useState(() => toText(props.graph, props.name));
  const [problems, setProblems] = useState<string[]>([]);

  const apply = (source: string) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(source);
    } catch (error) {
      setProblems([t('json.notJson', { detail: error instanceof Error ? error.message : String(error) })]);
      return;
    }
    const read = readFlowDocument(parsed);
    if (!read.ok) {
      setProblems(read.problems.map((problem) => problem.message[locale]));
      return;
    }
    setProblems([]);
    props.onApply(read.graph);
  };

  const openFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const content = await file.text();
    setText(content);
    apply(content);
  };

  return (
    <div className="json-view">
      <div className="button-row">
        <button type="button" className="primary" onClick={() => apply(text)}>
          {t('json.apply')}
        </button>
        <button type="button" onClick={() => setText(toText(props.graph, props.name))}>
          {t('json.revert')}
        </button>
        <label className="button file-button">
          <Upload size={16} aria-hidden="true" />
          {t('json.openFile')}
          <input
            type="file"
            accept=".json,application/json"
            className="visually-hidden"
            onChange={openFile}
          />
        </label>
        <span className="muted small">{t('json.help')}</span>
      </div>
      {problems.length > 0 ? (
        <ul className="error-text" role="alert">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      ) : null}
      <CodeEditor
        language="json"
        path={FLOW_JSON_PATH}
        height="100%"
        ariaLabel={t('json.editorLabel')}
        value={text}
        onChange={setText}
      />
    </div>
  );
}
