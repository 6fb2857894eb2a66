import { BookOpen } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { SectionLink } from '../shell/section-link.tsx';
import { mayEditKnowledge } from './knowledge-roles.ts';

/** The top bar's Knowledge entry, for the people who write articles (editors and admins). */
export function KnowledgeNavLink({ role }: { role: string }) {
  const { t } = useTranslation();
  if (!mayEditKnowledge(role)) return null;
  return (
    <li>
      <SectionLink to="/knowledge">
        <BookOpen size={16} aria-hidden="true" />
        {t('nav.knowledge')}
      </SectionLink>
    </li>
  );
}
