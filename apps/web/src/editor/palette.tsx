import { NODE_CATEGORIES, NODE_TYPES, type NodeCategory } from '@flowdesk/model';
import { type DragEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../i18n/i18n.ts';
import { iconFor } from './node-icons.ts';

/** The MIME type a palette drag carries; the canvas reads the node type from it. */
export const PALETTE_MIME = 'application/x-flowdesk-node-type';

/**
 * Node types grouped Triggers / Logic / Actions / Timing, with search. Drag an
 * item onto the canvas, or press Enter on it to add it next to the selection.
 */
export function Palette({ onAdd }: { onAdd: (type: string) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [query, setQuery] = useState('');
  const searchId = useId();
  const needle = query.trim().toLowerCase();
  const matches = NODE_TYPES.filter(
    (definition) =>
      !needle ||
      [definition.label['zh-CN'], definition.label.en, definition.description[locale], definition.type].some(
        (text) => text.toLowerCase().includes(needle),
      ),
  );
  const startDrag = (event: DragEvent, type: string) => {
    event.dataTransfer.setData(PALETTE_MIME, type);
    event.dataTransfer.setData('text/plain', type);
    event.dataTransfer.effectAllowed = 'move';
  };
  const groups = NODE_CATEGORIES.map((category: NodeCategory) => ({
    category,
    items: matches.filter((definition) => definition.category === category),
  })).filter((group) => group.items.length > 0);

  return (
    <aside className="palette" aria-label={t('palette.title')}>
      <label htmlFor={searchId} className="visually-hidden">
        {t('palette.search')}
      </label>
      <input
        id={searchId}
        type="search"
        placeholder={t('palette.search')}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      {groups.length === 0 ? <p className="muted">{t('palette.noMatch')}</p> : null}
      {groups.map((group) => (
        <section key={group.category} aria-labelledby={`${searchId}-${group.category}`}>
          <h3 id={`${searchId}-${group.category}`}>{t(`palette.category.${group.category}`)}</h3>
          <ul className="palette-list">
            {group.items.map((definition) => {
              const Icon = iconFor(definition.icon);
              return (
                <li key={definition.type}>
                  <button
                    type="button"
                    className="palette-item"
                    draggable
                    data-node-type={definition.type}
                    title={definition.description[locale]}
                    onDragStart={(event) => startDrag(event, definition.type)}
                    onClick={() => onAdd(definition.type)}
                  >
                    <Icon size={16} aria-hidden="true" />
                    {definition.label[locale]}
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </aside>
  );
}
