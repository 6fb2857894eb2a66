import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Bell } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useTRPC } from '../api/trpc.ts';
import { useLocale } from '../i18n/i18n.ts';
import { formatDateTime } from '../shared/format.ts';

/** How often the unread count is asked again: reminders arrive from the server's jobs. */
const POLL_MS = 30_000;

/**
 * The bell in the top bar: the unread count of the user's in-app inbox (their
 * own and their teams' reminders), and a panel listing them, each linking to
 * its ticket. Escape or a second click closes the panel.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const unread = useQuery({ ...trpc.notifications.unreadCount.queryOptions(), refetchInterval: POLL_MS });
  const count = unread.data ?? 0;

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);

  return (
    <div className="notification-bell">
      <button
        ref={buttonRef}
        type="button"
        className="icon-button bell-button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={`${t('notifications.open')}${count > 0 ? ` (${t('notifications.unread', { count })})` : ''}`}
        onClick={() => setOpen(!open)}
      >
        <Bell size={18} aria-hidden="true" />
        {count > 0 ? (
          <span className="badge badge-error bell-count" aria-hidden="true">
            {count > 99 ? '99+' : count}
          </span>
        ) : null}
      </button>
      {open ? <NotificationPanel id={panelId} onNavigate={() => setOpen(false)} /> : null}
    </div>
  );
}

function NotificationPanel({ id, onNavigate }: { id: string; onNavigate: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const messages = useQuery(trpc.notifications.list.queryOptions({ limit: 50 }));
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.notifications.list.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.notifications.unreadCount.queryKey() }),
    ]);
  const markRead = useMutation(trpc.notifications.markRead.mutationOptions({ onSuccess: refresh }));
  const markAll = useMutation(trpc.notifications.markAllRead.mutationOptions({ onSuccess: refresh }));
  const titleId = `${id}-title`;
  const hasUnread = (messages.data ?? []).some((message) => message.readAt === null);

  return (
    <section id={id} className="notification-panel" aria-labelledby={titleId}>
      <div className="notification-panel-head">
        <h2 id={titleId}>{t('notifications.title')}</h2>
        {hasUnread ? (
          <button type="button" className="link-button" onClick={() => markAll.mutate()}>
            {t('notifications.markAllRead')}
          </button>
        ) : null}
      </div>
      {messages.isPending ? (
        <p className="muted">{t('common.loading')}</p>
      ) : messages.error ? (
        <p role="alert" className="error-text">
          {t('notifications.failed')}
        </p>
      ) : messages.data.length === 0 ? (
        <p className="muted">{t('notifications.empty')}</p>
      ) : (
        <ul className="notification-list">
          {messages.data.map((message) => (
            <li key={message.id} className={message.readAt ? 'read' : 'unread'}>
              <p className="notification-subject">{message.subject}</p>
              <p className="notification-body">{message.body}</p>
              <div className="notification-foot">
                <span className="muted small">{formatDateTime(message.createdAt, locale)}</span>
                {message.ticketId ? (
                  <Link
                    to={`/tickets/${encodeURIComponent(message.ticketId)}`}
                    onClick={() => {
                      if (!message.readAt) markRead.mutate({ id: message.id });
                      onNavigate();
                    }}
                  >
                    {t('notifications.openTicket')}
                  </Link>
                ) : null}
                {message.readAt ? null : (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => markRead.mutate({ id: message.id })}
                  >
                    {t('notifications.markRead')}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
