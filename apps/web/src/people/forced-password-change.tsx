import { useTranslation } from 'react-i18next';
import { ChangePasswordForm } from './change-password-form.tsx';

/** Shown instead of any page while the user holds a temporary password an admin set. */
export function ForcedPasswordChange() {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="forced-password-title">
      <h1 id="forced-password-title">{t('people.forcedTitle')}</h1>
      <p className="muted">{t('people.forcedHelp')}</p>
      <ChangePasswordForm />
    </section>
  );
}
