import { useTranslation } from 'react-i18next';
import type { SaveStatus } from './use-autosave.ts';

export function SaveIndicator({ status }: { status: SaveStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`save-status save-${status}`} role="status" aria-live="polite" data-testid="save-status">
      {t(`save.${status}`)}
    </span>
  );
}
