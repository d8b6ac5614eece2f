import {
  AuditEntryView,
  BookingCheck,
  CalendarDay,
  ContactView,
  FeedbackView,
  MeetingAttendance,
  YearlyReport,
  KioskLink,
  MeetingView,
  NotificationList,
  ProtocolError,
  Session,
  SiteView,
  UnitView,
  UserView,
  type ErrorCode,
  type MeetingStatus,
  type ReportKind,
} from '@diemcau/shared';
import { sessions } from './session';

/** A refused or failed call. `code` is the server's error code, or `network` when it could not be reached. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'network',
    message: string,
    readonly fields: Record<string, string> = {},
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** Anything that turns an untrusted response body into a typed value; the shared zod schemas are. */
interface Parser<T> {
  parse(value: unknown): T;
}

const nothing: Parser<void> = { parse: () => undefined };

/** Refresh this long before the access token runs out, so a request never starts with a dying token. */
const REFRESH_MARGIN_MS = 60_000;

interface Reply {
  status: number;
  body: unknown;
}

async function send(method: string, path: string, body: unknown, accessToken: string | undefined): Promise<Reply> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers: {
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...(accessToken && { authorization: `Bearer ${accessToken}` }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(0, 'network', 'the server cannot be reached');
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, body: parsed };
}

function failure({ status, body }: Reply): ApiError {
  const problem = ProtocolError.safeParse((body as { error?: unknown } | undefined)?.error);
  if (!problem.success) return new ApiError(status, 'internal', `HTTP ${status}`);
  const { code, message, fields, details } = problem.data;
  return new ApiError(status, code, message, fields, details);
}

/** Takes a lock shared by all tabs where the browser offers one (secure pages only); else runs at once. */
async function acrossTabs<T>(name: string, work: () => Promise<T>): Promise<T> {
  return 'locks' in navigator && navigator.locks ? await navigator.locks.request(name, work) : work();
}

/**
 * Calls the API as the logged-in user. The access token lives 15 minutes: it is refreshed shortly
 * before it runs out, or once when the server says it expired. The refresh token is an HttpOnly
 * cookie this code never sees; it may be used only once (a second use ends every session of the
 * user), so one refresh runs at a time, across tabs too, and a tab first looks whether another tab
 * already refreshed.
 */
class ApiClient {
  private refreshing: Promise<Session | null> | undefined;

  async call<T>(method: string, path: string, parser: Parser<T>, body?: unknown): Promise<T> {
    let session = sessions.current;
    if (session && Date.parse(session.accessExpiresAt) - Date.now() < REFRESH_MARGIN_MS) session = await this.refresh(session);
    let reply = await send(method, path, body, session?.accessToken);
    if (session && reply.status === 401) {
      const error = failure(reply);
      if (error.code !== 'token-expired') {
        // The session was ended on the server (logout elsewhere, disabled account, new password).
        sessions.endedOnServer();
        throw error;
      }
      session = await this.refresh(session);
      if (!session) throw error;
      reply = await send(method, path, body, session.accessToken);
    }
    if (reply.status >= 400) throw failure(reply);
    try {
      return parser.parse(reply.body);
    } catch (mismatch) {
      console.error(`unexpected answer from ${method} ${path}`, mismatch);
      throw new ApiError(reply.status, 'internal', 'unexpected answer');
    }
  }

  /** A file (a CSV, XLSX or PDF export) as the logged-in user, refreshing the session first when it runs out soon. */
  async file(path: string): Promise<Blob> {
    let session = sessions.current;
    if (session && Date.parse(session.accessExpiresAt) - Date.now() < REFRESH_MARGIN_MS) session = await this.refresh(session);
    let response: Response;
    try {
      response = await fetch(`/api${path}`, { headers: session ? { authorization: `Bearer ${session.accessToken}` } : {} });
    } catch {
      throw new ApiError(0, 'network', 'the server cannot be reached');
    }
    if (!response.ok) throw failure({ status: response.status, body: await response.json().catch(() => undefined) });
    return response.blob();
  }

  async login(username: string, password: string): Promise<Session> {
    const reply = await send('POST', '/auth/login', { username, password }, undefined);
    if (reply.status !== 200) throw failure(reply);
    const session = Session.parse(reply.body);
    sessions.set(session);
    return session;
  }

  async logout(): Promise<void> {
    const session = sessions.current;
    sessions.set(null);
    // Best effort: the session is gone from this browser whether or not the server hears of it.
    // The refresh token travels in its HttpOnly cookie, which the server clears.
    if (session) await send('POST', '/auth/logout', undefined, undefined).catch(() => undefined);
  }

  private refresh(stale: Session): Promise<Session | null> {
    this.refreshing ??= acrossTabs('diemcau-session-refresh', () => this.refreshNow(stale)).finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async refreshNow(stale: Session): Promise<Session | null> {
    const stored = sessions.reload();
    // Another tab refreshed meanwhile: its new access token is already stored.
    if (!stored || stored.accessToken !== stale.accessToken) return stored;
    const reply = await send('POST', '/auth/refresh', undefined, undefined);
    if (reply.status === 200) {
      const session = Session.parse(reply.body);
      sessions.set(session);
      return session;
    }
    if (reply.status === 401) {
      sessions.endedOnServer();
      return null;
    }
    throw failure(reply);
  }
}

const client = new ApiClient();

const query = (params: Record<string, string | number | undefined>) => {
  const defined = Object.entries(params).filter((entry): entry is [string, string | number] => entry[1] !== undefined);
  return defined.length > 0 ? `?${new URLSearchParams(defined.map(([key, value]) => [key, String(value)]))}` : '';
};

/** The notification list and audit entries are checked against their shared schemas, like every answer. */
export type { AuditEntryView as AuditEntry, NotificationList } from '@diemcau/shared';

export interface ReportPeriod {
  from: string;
  to: string;
  unitId?: number | undefined;
}

export interface CalendarQuery {
  from: string;
  to: string;
  siteId?: number;
  status?: MeetingStatus;
}

export const api = {
  login: (username: string, password: string) => client.login(username, password),
  logout: () => client.logout(),

  units: {
    list: () => client.call('GET', '/units', UnitView.array()),
    create: (input: unknown) => client.call('POST', '/units', UnitView, input),
    update: (id: number, patch: unknown) => client.call('PATCH', `/units/${id}`, UnitView, patch),
  },
  sites: {
    list: () => client.call('GET', '/sites', SiteView.array()),
    create: (input: unknown) => client.call('POST', '/sites', SiteView, input),
    update: (id: number, patch: unknown) => client.call('PATCH', `/sites/${id}`, SiteView, patch),
    addContact: (siteId: number, input: unknown) => client.call('POST', `/sites/${siteId}/contacts`, ContactView, input),
    removeContact: (siteId: number, contactId: number) => client.call('DELETE', `/sites/${siteId}/contacts/${contactId}`, nothing),
    kioskLink: (siteId: number) => client.call('GET', `/sites/${siteId}/kiosk-link`, KioskLink),
    rotateKioskLink: (siteId: number) => client.call('POST', `/sites/${siteId}/kiosk-link/rotate`, KioskLink),
    revokeKioskLink: (siteId: number) => client.call('POST', `/sites/${siteId}/kiosk-link/revoke`, KioskLink),
  },
  users: {
    list: () => client.call('GET', '/users', UserView.array()),
    create: (input: unknown) => client.call('POST', '/users', UserView, input),
    update: (id: number, patch: unknown) => client.call('PATCH', `/users/${id}`, UserView, patch),
  },
  meetings: {
    list: (range: CalendarQuery) => client.call('GET', `/meetings${query({ ...range })}`, MeetingView.array()),
    get: (id: string) => client.call('GET', `/meetings/${encodeURIComponent(id)}`, MeetingView),
    check: (request: unknown) => client.call('POST', '/meetings/check', BookingCheck, request),
    request: (request: unknown) => client.call('POST', '/meetings', MeetingView, request),
    approve: (id: string) => client.call('POST', `/meetings/${encodeURIComponent(id)}/approve`, MeetingView, {}),
    reject: (id: string, reason: string) => client.call('POST', `/meetings/${encodeURIComponent(id)}/reject`, MeetingView, { reason }),
    cancel: (id: string, reason: string) => client.call('POST', `/meetings/${encodeURIComponent(id)}/cancel`, MeetingView, { reason }),
    prepare: (id: string) => client.call('POST', `/meetings/${encodeURIComponent(id)}/prepare`, MeetingView, {}),
    open: (id: string) => client.call('POST', `/meetings/${encodeURIComponent(id)}/open`, MeetingView, {}),
    close: (id: string) => client.call('POST', `/meetings/${encodeURIComponent(id)}/close`, MeetingView, {}),
    recordInvitation: (id: string, invitation: unknown) => client.call('PUT', `/meetings/${encodeURIComponent(id)}/invitation`, MeetingView, invitation),
  },
  holidays: {
    list: (year: number) => client.call('GET', `/calendar-days${query({ year })}`, CalendarDay.array()),
    set: (day: CalendarDay) => client.call('PUT', `/calendar-days/${day.date}`, CalendarDay, { kind: day.kind, occasion: day.occasion, note: day.note }),
    remove: (date: string) => client.call('DELETE', `/calendar-days/${date}`, nothing),
  },
  audit: {
    list: (filter: { entityType?: string; beforeId?: number; limit?: number }) => client.call('GET', `/audit${query(filter)}`, AuditEntryView.array()),
  },
  reports: {
    yearly: (period: ReportPeriod) => client.call('GET', `/reports/yearly${query({ ...period })}`, YearlyReport),
    file: (kind: ReportKind, format: 'csv' | 'xlsx' | 'pdf', period: ReportPeriod & { lang: string }) =>
      client.file(`/reports/${kind}.${format}${query({ ...period })}`),
    attendance: (meetingId: string) => client.call('GET', `/meetings/${encodeURIComponent(meetingId)}/attendance`, MeetingAttendance),
    attendanceCsv: (meetingId: string, lang: string) => client.file(`/meetings/${encodeURIComponent(meetingId)}/attendance.csv${query({ lang })}`),
  },
  feedback: {
    list: () => client.call('GET', '/feedback', FeedbackView.array()),
    submit: (input: unknown) => client.call('POST', '/feedback', FeedbackView, input),
    answer: (id: number, answer: string) => client.call('POST', `/feedback/${id}/answer`, FeedbackView, { answer }),
    forward: (id: number, to: 'telecom' | 'office', note: string) => client.call('POST', `/feedback/${id}/forward`, FeedbackView, { to, note }),
    close: (id: number) => client.call('POST', `/feedback/${id}/close`, FeedbackView, {}),
  },
  notifications: {
    list: () => client.call('GET', '/notifications', NotificationList),
    markRead: (ids: number[] | 'all') => client.call('POST', '/notifications/read', nothing, { ids }),
  },
};
