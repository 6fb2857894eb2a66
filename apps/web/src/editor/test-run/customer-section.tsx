import { LOCALES } from '@flowdesk/model';
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type CustomerForm,
  type CustomerOption,
  customerLabel,
  EMPTY_CUSTOMER,
  pickCustomer,
  type SearchCustomers,
} from './test-customer.ts';

type SearchState =
  | { kind: 'idle' }
  | { kind: 'searching' }
  | { kind: 'found'; options: CustomerOption[] }
  | { kind: 'failed' };

/**
 * Who the sample comes from: an existing customer found by name or contact,
 * and VIP level, tags, language and history set by hand. Empty: someone
 * writing for the first time. Lives inside the panel's form, so the search
 * is a button (and Enter in its box), never a nested form.
 */
export function CustomerSection(props: {
  customer: CustomerForm;
  onChange: (customer: CustomerForm) => void;
  /** Absent: only the fields set by hand. */
  search?: SearchCustomers | undefined;
}) {
  const { t } = useTranslation();
  const id = useId();
  const { customer, onChange, search } = props;
  const [query, setQuery] = useState('');
  const [state, setState] = useState<SearchState>({ kind: 'idle' });
  // The result clicked goes away with the list: focus lands on whom it picked, not on the page's start.
  const picked = useRef<HTMLParagraphElement>(null);
  const [justPicked, setJustPicked] = useState(false);
  useEffect(() => {
    if (!justPicked) return;
    picked.current?.focus();
    setJustPicked(false);
  }, [justPicked]);
  const set = (patch: Partial<CustomerForm>) => onChange({ ...customer, ...patch });

  const find = async () => {
    if (!search || !query.trim()) return;
    setState({ kind: 'searching' });
    try {
      setState({ kind: 'found', options: await search(query.trim()) });
    } catch {
      setState({ kind: 'failed' });
    }
  };
  const onSearchKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    void find();
  };
  // No min/max: the browser's own refusal is not translated; customerToInput says what is wrong.
  const numberField = (field: 'vipLevel' | 'requestCount' | 'complaintCount') => (
    <div className="form-group">
      <label htmlFor={`${id}-${field}`}>{t(`testRun.customer.${field}`)}</label>
      <input
        id={`${id}-${field}`}
        type="number"
        inputMode="numeric"
        placeholder={t('testRun.customer.notSet')}
        value={customer[field]}
        onChange={(event) => set({ [field]: event.target.value })}
      />
    </div>
  );

  return (
    <fieldset className="form-group customer-section" data-testid="test-customer">
      <legend>{t('testRun.customer.title')}</legend>
      <p className="help">{t('testRun.customer.help')}</p>
      {search ? (
        <div className="form-group">
          <label htmlFor={`${id}-search`}>{t('testRun.customer.search')}</label>
          <div className="record-row">
            <input
              id={`${id}-search`}
              type="search"
              maxLength={100}
              placeholder={t('testRun.customer.searchPlaceholder')}
              value={query}
              onChange={(event) => setQuery(event.target.value)}
              onKeyDown={onSearchKey}
            />
            <button
              type="button"
              disabled={!query.trim() || state.kind === 'searching'}
              onClick={() => void find()}
            >
              {t('testRun.customer.find')}
            </button>
          </div>
          {state.kind === 'searching' ? <p className="muted small">{t('testRun.sourceLoading')}</p> : null}
          {state.kind === 'failed' ? (
            <p role="alert" className="error-text small">
              {t('testRun.customer.searchFailed')}
            </p>
          ) : null}
          {state.kind === 'found' && state.options.length === 0 ? (
            <p className="muted small">{t('testRun.customer.noMatch')}</p>
          ) : null}
          {state.kind === 'found' && state.options.length > 0 ? (
            <ul className="customer-options" aria-label={t('testRun.customer.results')}>
              {state.options.map((option) => (
                <li key={option.id}>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => {
                      onChange(pickCustomer(option));
                      setState({ kind: 'idle' });
                      setJustPicked(true);
                    }}
                  >
                    {customerLabel(option)} · VIP {option.vipLevel}
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {customer.customerId ? (
        <p
          ref={picked}
          tabIndex={-1}
          className="record-row customer-picked"
          data-testid="test-customer-picked"
        >
          <span>{t('testRun.customer.picked', { name: customer.customerLabel || customer.customerId })}</span>
          <button type="button" onClick={() => onChange(EMPTY_CUSTOMER)}>
            {t('testRun.customer.clear')}
          </button>
        </p>
      ) : null}
      <div className="customer-fields">
        {numberField('vipLevel')}
        <div className="form-group">
          <label htmlFor={`${id}-locale`}>{t('testRun.customer.locale')}</label>
          <select
            id={`${id}-locale`}
            value={customer.locale}
            onChange={(event) => set({ locale: event.target.value as CustomerForm['locale'] })}
          >
            <option value="">{t('testRun.customer.notSet')}</option>
            {LOCALES.map((locale) => (
              <option key={locale} value={locale}>
                {t(`testRun.customer.localeName.${locale === 'zh-CN' ? 'zh' : 'en'}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group customer-tags">
          <label htmlFor={`${id}-tags`}>{t('testRun.customer.tags')}</label>
          <input
            id={`${id}-tags`}
            placeholder={t('testRun.customer.tagsPlaceholder')}
            value={customer.tags}
            onChange={(event) => set({ tags: event.target.value })}
          />
        </div>
        {numberField('requestCount')}
        {numberField('complaintCount')}
      </div>
    </fieldset>
  );
}
