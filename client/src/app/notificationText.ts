import type { TFunction } from 'i18next';
import { Slot, type NotificationView } from '@diemcau/shared';
import { preemptingKind } from '../calendar/preemption';
import { formatDateTime } from '../i18n';

export interface NotificationText {
  text: string;
  /** Free slots offered with a pre-emption, to book the meeting again. */
  suggestions: Slot[];
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');
const time = (value: unknown) => (typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? formatDateTime(value) : '');

/** Feedback notifications are worded with the feedback screens. */
const FEEDBACK_KINDS = ['feedback-submitted', 'feedback-answered', 'feedback-forwarded', 'feedback-forwarded-to-you', 'feedback-closed'];

/** Kinds whose wording lives with the screen they concern, or depends on their parameters. */
function kindKey(notification: NotificationView): string {
  if (notification.kind === 'check-reminder') return 'technician.notifications.checkReminder';
  if (notification.kind === 'meeting-preempted') return `notifications.preempted.${preemptingKind(notification.params.byKind)}`;
  if (FEEDBACK_KINDS.includes(notification.kind)) return `records.feedback.notifications.${notification.kind}`;
  return `notifications.kinds.${notification.kind}`;
}

/** Where following a notification leads: its meeting on the calendar, or the check a reminder asks for. */
export function notificationTarget(notification: NotificationView): string | undefined {
  if (notification.kind.startsWith('feedback-')) return '/feedback';
  const meeting = notification.meetingId;
  if (!meeting) return undefined;
  return notification.kind === 'check-reminder' ? `/checks?meeting=${encodeURIComponent(meeting)}` : `/calendar?meeting=${encodeURIComponent(meeting)}`;
}

/**
 * A notification in the reader's language. The server stores a kind and its parameters, not a
 * sentence, so each reader sees their own language; unknown kinds get a generic line.
 */
export function notificationText(notification: NotificationView, t: TFunction): NotificationText {
  const { params } = notification;
  const values = {
    title: text(params.title),
    reason: text(params.reason),
    by: text(params.by),
    article: text(params.article) || '4.2',
    time: time(params.startsAt),
  };
  const suggestions = Slot.array().safeParse(params.suggestions);
  return {
    text: t([kindKey(notification), 'notifications.kinds.other'], values),
    suggestions: notification.kind === 'meeting-preempted' && suggestions.success ? suggestions.data : [],
  };
}
