import type { Locale } from '@flowdesk/model';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../i18n/i18n.ts';

/** Renders a component with the app's translations in the given language. */
export function renderWithI18n(ui: ReactElement, locale: Locale = 'en') {
  return render(<I18nextProvider i18n={createI18n(locale)}>{ui}</I18nextProvider>);
}
