import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { SHORTCUTS } from './use-editor-shortcuts.ts';

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal?.();
    if (!open && element.open) element.close();
  }, [open]);
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="shortcuts-title" onClose={onClose}>
      <h2 id="shortcuts-title">{t('shortcuts.title')}</h2>
      <table className="data-table">
        <tbody>
          {SHORTCUTS.map((shortcut) => (
            <tr key={shortcut.id}>
              <td>{t(`shortcuts.${shortcut.id}`)}</td>
              <td>
                <kbd>{shortcut.keys}</kbd>
              </td>
            </tr>
          ))}
          <tr>
            <td>{t('shortcuts.multiSelect')}</td>
            <td>
              <kbd>Shift</kbd> + {t('shortcuts.clickOrDrag')}
            </td>
          </tr>
        </tbody>
      </table>
      <button type="button" onClick={onClose}>
        {t('common.close')}
      </button>
    </dialog>
  );
}
