import {
  Activity,
  Braces,
  Download,
  Keyboard,
  LayoutGrid,
  Maximize,
  Redo2,
  Rocket,
  Undo2,
  Workflow,
} from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLocale } from '../i18n/i18n.ts';
import { flowDisplayName } from '../shared/flow-name.ts';
import type { EditorView, LoadedFlow } from './flow-editor.types.ts';
import { SaveIndicator } from './save-indicator.tsx';
import type { SaveStatus } from './use-autosave.ts';
import { SHORTCUTS, type ShortcutId } from './use-editor-shortcuts.ts';

function keysOf(shortcut: ShortcutId): string {
  return SHORTCUTS.find((entry) => entry.id === shortcut)?.keys ?? '';
}

/** An icon button for an editor command, named and titled with its keyboard shortcut. */
function ShortcutButton(props: {
  shortcut: ShortcutId;
  onClick: () => void;
  disabled: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const label = t(`shortcuts.${props.shortcut}`);
  return (
    <button
      type="button"
      className="icon-button"
      onClick={props.onClick}
      disabled={props.disabled}
      aria-label={label}
      title={`${label} (${keysOf(props.shortcut)})`}
    >
      {props.children}
    </button>
  );
}

export function EditorToolbar(props: {
  flow: LoadedFlow;
  saveStatus: SaveStatus;
  canUndo: boolean;
  canRedo: boolean;
  onUndo: () => void;
  onRedo: () => void;
  onLayout: () => void;
  onFit: () => void;
  onShortcuts: () => void;
  view: EditorView;
  onToggleView: () => void;
  onExport: () => void;
  onRetrySave: () => void;
  onPublish: () => void;
  publishBlockedReason: string | undefined;
  /** The analytics overlay is on; only offered once the flow has a published version. */
  analytics: boolean;
  onToggleAnalytics: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { flow } = props;
  const running = flow.runningByVersion.reduce((sum, entry) => sum + entry.running, 0);
  return (
    <div className="editor-toolbar" role="toolbar" aria-label={t('editor.toolbar')}>
      <Link to="/flows" className="muted">
        {t('nav.flows')}
      </Link>
      <h1 className="flow-name">{flowDisplayName(flow, locale)}</h1>
      <span className="badge badge-live" data-testid="live-version">
        {flow.latestVersion
          ? t('versions.liveVersion', { version: flow.latestVersion })
          : t('flows.notPublished')}
      </span>
      {running > 0 ? <span className="badge">{t('versions.running', { count: running })}</span> : null}
      <SaveIndicator status={props.saveStatus} />
      {props.saveStatus === 'error' ? (
        <button type="button" onClick={props.onRetrySave}>
          {t('save.retry')}
        </button>
      ) : null}
      <span className="toolbar-spacer" />
      <ShortcutButton shortcut="undo" onClick={props.onUndo} disabled={!props.canUndo}>
        <Undo2 size={16} aria-hidden="true" />
      </ShortcutButton>
      <ShortcutButton shortcut="redo" onClick={props.onRedo} disabled={!props.canRedo}>
        <Redo2 size={16} aria-hidden="true" />
      </ShortcutButton>
      <ShortcutButton shortcut="layout" onClick={props.onLayout} disabled={props.view !== 'canvas'}>
        <LayoutGrid size={16} aria-hidden="true" />
      </ShortcutButton>
      <ShortcutButton shortcut="fit" onClick={props.onFit} disabled={props.view !== 'canvas'}>
        <Maximize size={16} aria-hidden="true" />
      </ShortcutButton>
      <button
        type="button"
        className="icon-button"
        onClick={props.onShortcuts}
        aria-label={t('shortcuts.title')}
        title={`${t('shortcuts.title')} (${keysOf('help')})`}
      >
        <Keyboard size={16} aria-hidden="true" />
      </button>
      {flow.latestVersion ? (
        <button
          type="button"
          onClick={props.onToggleAnalytics}
          aria-pressed={props.analytics}
          className="analytics-toggle"
          title={t('flowAnalytics.toggleHelp')}
          data-testid="analytics-toggle"
        >
          <Activity size={16} aria-hidden="true" />
          {t('flowAnalytics.toggle')}
        </button>
      ) : null}
      <button
        type="button"
        onClick={props.onToggleView}
        aria-pressed={props.view === 'json'}
        disabled={props.analytics}
      >
        {props.view === 'canvas' ? (
          <Braces size={16} aria-hidden="true" />
        ) : (
          <Workflow size={16} aria-hidden="true" />
        )}
        {props.view === 'canvas' ? t('editor.jsonView') : t('editor.canvasView')}
      </button>
      <button type="button" onClick={props.onExport}>
        <Download size={16} aria-hidden="true" />
        {t('editor.export')}
      </button>
      <button
        type="button"
        className="primary"
        onClick={props.onPublish}
        disabled={props.publishBlockedReason !== undefined}
        aria-describedby={props.publishBlockedReason ? 'publish-blocked' : undefined}
      >
        <Rocket size={16} aria-hidden="true" />
        {t('publish.button')}
      </button>
      {props.publishBlockedReason ? (
        <span id="publish-blocked" className="small muted">
          {props.publishBlockedReason}
        </span>
      ) : null}
    </div>
  );
}
