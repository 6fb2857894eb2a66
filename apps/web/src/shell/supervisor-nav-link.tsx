import { Gauge } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { SectionLink } from './section-link.tsx';

/** Who oversees teams; the server's policy (ROLES.supervisors) decides, this only hides a dead link. */
const SUPERVISING_ROLES: readonly string[] = ['admin', 'supervisor'];

/** The navigation entry of the supervisor view, for supervisors and admins only. */
export function SupervisorNavLink({
  role,
  highlighted,
}: {
  role: string;
  highlighted?: boolean | undefined;
}) {
  const { t } = useTranslation();
  if (!SUPERVISING_ROLES.includes(role)) return null;
  return (
    <li>
      <SectionLink to="/supervisor" highlighted={highlighted}>
        <Gauge size={16} aria-hidden="true" />
        {t('nav.supervisor')}
      </SectionLink>
    </li>
  );
}
