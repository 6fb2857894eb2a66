import { useQuery } from '@tanstack/react-query';
import { ClipboardList } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useTRPC } from '../../api/trpc.ts';

/** The way to the low-score (CSAT < 4) quality-review queue on the surveys page, with how many wait. */
export function QualityReviewTile() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const count = useQuery({ ...trpc.surveys.qualityReviewCount.queryOptions(), refetchInterval: 30_000 });
  return (
    <Link to="/surveys?tab=review" className="quality-review-tile" data-testid="quality-review-tile">
      <ClipboardList size={18} aria-hidden="true" />
      {count.data === undefined
        ? t('supervisor.qualityReview')
        : t('supervisor.qualityReviewWaiting', { count: count.data })}
    </Link>
  );
}
