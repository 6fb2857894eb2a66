import type { LucideIcon } from 'lucide-react';
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { nextActiveIndex } from '../shared/listbox-navigation.ts';

export interface PickerOption {
  id: string;
  label: string;
  /** What kind of choice it is (a step type's category, "existing step"), shown small after the label. */
  hint: string;
  Icon: LucideIcon;
  /** Extra words the search matches (the type id, the other language's label). */
  keywords: string;
}

/**
 * The palette that opens where a line is to go (a "+", a drag into empty space,
 * "Connect to…"): a search field driving a listbox (arrows, Home/End, Enter,
 * Escape), as the ARIA combobox pattern has it, so it works without a mouse.
 */
export function StepPicker(props: {
  title: string;
  options: readonly PickerOption[];
  left: number;
  top: number;
  onChoose: (id: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const needle = query.trim().toLowerCase();
  const shown = props.options.filter(
    (option) => !needle || `${option.label} ${option.keywords}`.toLowerCase().includes(needle),
  );
  const activeOption = shown[Math.min(active, shown.length - 1)];

  useEffect(() => input.current?.focus(), []);
  useEffect(() => {
    document.getElementById(`${id}-${activeOption?.id}`)?.scrollIntoView({ block: 'nearest' });
  }, [id, activeOption]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      props.onClose();
      return;
    }
    if (event.key === 'Enter') {
      event.preventDefault();
      if (activeOption) props.onChoose(activeOption.id);
      return;
    }
    const next = nextActiveIndex(Math.min(active, shown.length - 1), event.key, shown.length);
    if (next === undefined) return;
    event.preventDefault();
    setActive(next);
  };

  return (
    <div
      ref={root}
      role="dialog"
      aria-label={props.title}
      className="step-picker nodrag nopan nowheel"
      style={{ left: props.left, top: props.top }}
      onBlur={(event) => {
        if (!root.current?.contains(event.relatedTarget as Node | null)) props.onClose();
      }}
    >
      <p className="step-picker-title">{props.title}</p>
      <input
        ref={input}
        type="search"
        role="combobox"
        aria-label={t('picker.search')}
        aria-expanded="true"
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={activeOption ? `${id}-${activeOption.id}` : undefined}
        placeholder={t('picker.search')}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <div id={`${id}-list`} role="listbox" aria-label={props.title} className="step-picker-list">
        {shown.map((option) => (
          // biome-ignore lint/a11y/useKeyWithClickEvents: the search field above carries the keyboard (aria-activedescendant)
          <div
            key={option.id}
            id={`${id}-${option.id}`}
            role="option"
            tabIndex={-1}
            aria-selected={option === activeOption}
            data-option={option.id}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => props.onChoose(option.id)}
          >
            <option.Icon size={16} aria-hidden="true" />
            <span className="step-picker-label">{option.label}</span>
            <span className="step-picker-hint">{option.hint}</span>
          </div>
        ))}
      </div>
      {shown.length === 0 ? <p className="muted small">{t('palette.noMatch')}</p> : null}
    </div>
  );
}
