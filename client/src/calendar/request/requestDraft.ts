import { MeetingRequest, type MeetingKind, type MeetingView, type SiteView, type Slot, type UserView } from '@diemcau/shared';
import { can } from '../../app/permissions';
import { localDate, localTime, zonedInstant } from '../../i18n';
import { isDate } from '../dates';

/** The form as typed: strings where the person types, Vietnam date and times as shown on screen. */
export interface RequestDraft {
  title: string;
  kind: MeetingKind;
  hostUnitId: number | null;
  chairPerson: string;
  date: string;
  startTime: string;
  endTime: string;
  siteIds: number[];
  attestsNotSecret: boolean;
  approve: boolean;
}

const isClock = (value: string) => /^\d{2}:\d{2}$/.test(value);

/** A fresh form: the user's own unit hosts, the chair room takes part, the Office books provincial meetings. */
export function newDraft(user: UserView, sites: readonly SiteView[]): RequestDraft {
  return {
    title: '',
    kind: can(user, 'meeting:decide') ? 'provincial' : 'departmental',
    hostUnitId: user.unitId,
    chairPerson: '',
    date: '',
    startTime: '',
    endTime: '',
    siteIds: sites.filter((site) => site.kind === 'chair').map((site) => site.id),
    attestsNotSecret: false,
    approve: false,
  };
}

/** The same meeting again at another time, after it was pre-empted; the attestation is asked afresh. */
export function draftFromMeeting(meeting: MeetingView, slot: Slot, user: UserView, sites: readonly SiteView[]): RequestDraft {
  return withSlot(
    {
      ...newDraft(user, sites),
      title: meeting.title,
      kind: meeting.kind,
      hostUnitId: meeting.hostUnitId,
      chairPerson: meeting.chairPerson,
      siteIds: meeting.siteIds,
    },
    slot,
  );
}

/** A new start; an end not chosen yet follows one hour later, the usual length of a meeting. */
export function withStart(draft: RequestDraft, startTime: string): RequestDraft {
  if (draft.endTime || !isClock(startTime)) return { ...draft, startTime };
  const [hour, minute] = startTime.split(':');
  const endHour = Math.min(Number(hour) + 1, 23);
  return { ...draft, startTime, endTime: `${String(endHour).padStart(2, '0')}:${minute}` };
}

export function withSlot(draft: RequestDraft, slot: Slot): RequestDraft {
  return { ...draft, date: localDate(slot.startsAt), startTime: localTime(slot.startsAt), endTime: localTime(slot.endsAt) };
}

/** The instant of a time on the draft's date; empty while either is incomplete, so the schema names the field. */
export const instantOf = (draft: RequestDraft, time: string): string => (isDate(draft.date) && isClock(time) ? zonedInstant(draft.date, time) : '');

/** The request body, unchecked. */
export function requestBody(draft: RequestDraft): Record<string, unknown> {
  return {
    title: draft.title,
    kind: draft.kind,
    hostUnitId: draft.hostUnitId,
    chairPerson: draft.chairPerson,
    startsAt: instantOf(draft, draft.startTime),
    endsAt: instantOf(draft, draft.endTime),
    siteIds: draft.siteIds,
    attestsNotSecret: draft.kind === 'departmental' && draft.attestsNotSecret,
    approve: draft.approve,
  };
}

/**
 * What to ask the live check about, once the time and rooms are filled in. The check looks only at
 * the kind, the time, the rooms and the attestation, and the server reads the body with the full
 * request schema, so the title, chair person and host are stood in for while they are still blank:
 * people usually pick a free slot before they word the title.
 */
export function checkPayload(draft: RequestDraft, anyUnitId: number | undefined): MeetingRequest | undefined {
  const parsed = MeetingRequest.safeParse({
    ...requestBody(draft),
    title: 'availability check',
    chairPerson: 'availability check',
    hostUnitId: draft.hostUnitId ?? anyUnitId,
    approve: false,
  });
  return parsed.success ? parsed.data : undefined;
}
