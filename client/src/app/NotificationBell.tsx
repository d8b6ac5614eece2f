import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NotificationView } from '@diemcau/shared';
import { formatShortDateTime, formatTimeRange } from '../i18n';
import { useResource } from '../ui/useResource';
import { api } from './api';
import { notificationTarget, notificationText } from './notificationText';
import { navigate } from './router';
import { logRejection } from '../ui/logRejection';

const POLL_MS = 30_000;

export function NotificationBell() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const list = useResource(() => api.notifications.list(), []);
  const root = useRef<HTMLDivElement>(null);
  const { reload } = list;

  useEffect(() => {
    const timer = setInterval(reload, POLL_MS);
    return () => clearInterval(timer);
  }, [reload]);

  useEffect(() => {
    if (!open) return;
    const closeOutside = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const closeOnEscape = (event: KeyboardEvent) => event.key === 'Escape' && setOpen(false);
    document.addEventListener('mousedown', closeOutside);
    document.addEventListener('keydown', closeOnEscape);
    return () => {
      document.removeEventListener('mousedown', closeOutside);
      document.removeEventListener('keydown', closeOnEscape);
    };
  }, [open]);

  const unread = list.data?.unread ?? 0;
  const markRead = async (ids: number[] | 'all') => {
    await api.notifications.markRead(ids).catch(() => undefined);
    reload();
  };
  const follow = (to: string, notification: NotificationView) => {
    setOpen(false);
    if (!notification.read) void markRead([notification.id]).catch(logRejection);
    navigate(to);
  };

  return (
    <div className="bell" ref={root}>
      <button
        type="button"
        className="bell-button"
        aria-expanded={open}
        aria-label={t('notifications.button', { count: unread })}
        onClick={() => {
          setOpen(!open);
          if (!open) reload();
        }}
      >
        <BellIcon />
        {unread > 0 && (
          <span className="bell-count" data-testid="unread-count">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && (
        <section className="bell-panel" aria-label={t('notifications.title')}>
          <header className="bell-head">
            <h2>{t('notifications.title')}</h2>
            {unread > 0 && (
              <button type="button" className="btn-link" onClick={() => void markRead('all').catch(logRejection)}>
                {t('notifications.markAllRead')}
              </button>
            )}
          </header>
          {list.data && list.data.items.length === 0 && <p className="muted bell-empty">{t('notifications.empty')}</p>}
          <ul className="bell-list">
            {list.data?.items.map((notification) => (
              <NotificationItem key={notification.id} notification={notification} onFollow={(to) => follow(to, notification)} />
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function NotificationItem({ notification, onFollow }: { notification: NotificationView; onFollow: (to: string) => void }) {
  const { t } = useTranslation();
  const { text, suggestions } = notificationText(notification, t);
  const meeting = notification.meetingId;
  const target = notificationTarget(notification);
  return (
    <li className="bell-item" data-read={notification.read} data-kind={notification.kind}>
      <button type="button" className="bell-item-main" disabled={!target} onClick={() => target && onFollow(target)}>
        {!notification.read && <span className="bell-dot" aria-label={t('notifications.unread')} />}
        <span className="bell-text">{text}</span>
        <span className="bell-time">{formatShortDateTime(notification.at)}</span>
      </button>
      {meeting && suggestions.length > 0 && (
        <div className="bell-suggestions">
          <p>{t('notifications.rebookAt')}</p>
          {suggestions.map((slot) => (
            <button
              key={slot.startsAt}
              type="button"
              className="btn btn-small"
              onClick={() => onFollow(`/request?${new URLSearchParams({ copy: meeting, startsAt: slot.startsAt, endsAt: slot.endsAt })}`)}
            >
              {formatTimeRange(slot.startsAt, slot.endsAt)}
            </button>
          ))}
        </div>
      )}
    </li>
  );
}

function BellIcon() {
  return (
    <svg width="26" height="26" viewBox="0 0 24 24" aria-hidden="true" fill="currentColor">
      <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z" />
    </svg>
  );
}
