import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/use-session.ts';
import { MyAccountSection } from '../people/my-account-section.tsx';
import { PeopleSettingsSection } from '../people/people-settings-section.tsx';
import { UsersSection } from '../people/users-section.tsx';
import { SlaPoliciesSection } from '../teams/sla-policies-section.tsx';
import { TeamsSection } from '../teams/teams-section.tsx';
import { AnomalySettingsSection } from './anomaly-settings-section.tsx';
import { ApiKeysSection } from './api-keys-section.tsx';
import { AuditLogSection } from './audit-log-section.tsx';
import { ChannelsSection } from './channels-section.tsx';

export function SettingsPage() {
  const { t } = useTranslation();
  const session = useSession();
  return (
    <>
      <h1>{t('nav.settings')}</h1>
      <MyAccountSection />
      {session.data?.role === 'admin' ? <UsersSection /> : null}
      {session.data?.role === 'admin' ? <PeopleSettingsSection /> : null}
      <TeamsSection canEdit={session.data?.role === 'admin'} />
      <SlaPoliciesSection canEdit={session.data?.role === 'admin'} />
      <ApiKeysSection />
      <ChannelsSection />
      {session.data?.role === 'admin' ? <AnomalySettingsSection /> : null}
      {session.data?.role === 'admin' ? <AuditLogSection /> : null}
    </>
  );
}
