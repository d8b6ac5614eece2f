import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingView } from '@diemcau/shared';
import { localTime } from '../i18n';

/** A meeting on the calendar: coloured by status, tagged by kind, opens the details when clicked. */
export function MeetingChip({ meeting, onOpen, style }: { meeting: MeetingView; onOpen: (id: string) => void; style?: CSSProperties }) {
  const { t } = useTranslation();
  const time = `${localTime(meeting.startsAt)}–${localTime(meeting.endsAt)}`;
  return (
    <button
      type="button"
      className="meeting-chip"
      data-status={meeting.status}
      data-kind={meeting.kind}
      data-meeting-id={meeting.id}
      style={style}
      title={`${meeting.title} — ${time} — ${t(`meeting.status.${meeting.status}`)}`}
      onClick={() => onOpen(meeting.id)}
    >
      <span className="chip-line">
        <span className="kind-tag" data-kind={meeting.kind}>
          {t(`meeting.kindTag.${meeting.kind}`)}
        </span>
        <span className="chip-time">{time}</span>
      </span>
      <span className="chip-title">{meeting.title}</span>
      <span className="visually-hidden">{t(`meeting.status.${meeting.status}`)}</span>
    </button>
  );
}
