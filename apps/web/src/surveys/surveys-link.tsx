import { MessageSquareHeart } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../auth/use-session.ts';

/** Who reads survey results; the server's policy (ROLES.surveyReaders) decides, this only hides a dead link. */
const SURVEY_READER_ROLES: readonly string[] = ['admin', 'supervisor', 'editor'];

/** The way to the survey results from the Tickets page's header (the top bar has no room at phone width). */
export function SurveysLink() {
  const { t } = useTranslation();
  const role = useSession().data?.role ?? '';
  if (!SURVEY_READER_ROLES.includes(role)) return null;
  return (
    <Link to="/surveys" className="surveys-link" data-testid="surveys-link">
      <MessageSquareHeart size={16} aria-hidden="true" />
      {t('surveys.open')}
    </Link>
  );
}
