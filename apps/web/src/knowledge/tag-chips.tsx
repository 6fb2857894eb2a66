import { X } from 'lucide-react';
import { type KeyboardEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { withTag } from './article-draft.ts';

/** An article's tags as chips: type one and press Enter (or Add) to add it, × to remove it. */
export function TagChips(props: {
  tags: readonly string[];
  onChange: (tags: string[]) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const add = () => {
    props.onChange(withTag(props.tags, typed));
    setTyped('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      add();
    }
  };
  return (
    <fieldset className="kb-tags">
      <legend>{t('knowledge.fieldTags')}</legend>
      {props.tags.length > 0 ? (
        <ul className="chip-list">
          {props.tags.map((tag) => (
            <li key={tag} className="chip">
              {tag}
              <button
                type="button"
                className="chip-remove"
                aria-label={t('knowledge.removeTag', { tag })}
                disabled={props.disabled}
                onClick={() => props.onChange(props.tags.filter((other) => other !== tag))}
              >
                <X size={12} aria-hidden="true" />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="inline-form">
        <label className="visually-hidden" htmlFor="kb-tag-input">
          {t('knowledge.addTag')}
        </label>
        <input
          id="kb-tag-input"
          value={typed}
          maxLength={50}
          placeholder={t('knowledge.tagPlaceholder')}
          disabled={props.disabled}
          onChange={(event) => setTyped(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="button" onClick={add} disabled={props.disabled || typed.trim() === ''}>
          {t('knowledge.addTag')}
        </button>
      </div>
    </fieldset>
  );
}
