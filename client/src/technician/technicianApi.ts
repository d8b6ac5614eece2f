import { CheckView, ContactView, IncidentView, MeetingView, ProtocolError, Verdict, type CheckMeasurements, type IncidentType } from '@diemcau/shared';
import { api, ApiError } from '../app/api';
import { sessions } from '../app/session';

/*
 * The technicians' part of the REST API: checks, readiness, preparation, incidents.
 *
 * TODO(api.ts owner): app/api.ts keeps its authenticated `call` private, so this module sends its
 * own requests with the session's access token and, when the bridge says the token expired, lets
 * the office API client renew the session (any call of it refreshes on the way) and tries once more.
 * Once `call` is exported, `send` and `renewAccess` below go and these endpoints use it.
 */

/** Any call of the office API client refreshes an expiring session first; this one is cheap. */
export const renewAccess = (): Promise<unknown> => api.notifications.list();

export const currentAccessToken = (): string => sessions.current?.accessToken ?? '';

async function send(method: string, path: string, body: unknown): Promise<{ status: number; body: unknown }> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers: { authorization: `Bearer ${currentAccessToken()}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(0, 'network', 'the server cannot be reached');
  }
  const text = await response.text();
  try {
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  } catch {
    return { status: response.status, body: undefined };
  }
}

function failure(status: number, body: unknown): ApiError {
  const problem = ProtocolError.safeParse((body as { error?: unknown } | undefined)?.error);
  if (!problem.success) return new ApiError(status, 'internal', `HTTP ${status}`);
  const { code, message, fields, details } = problem.data;
  return new ApiError(status, code, message, fields, details);
}

async function call<T>(method: string, path: string, parse: (value: unknown) => T, body?: unknown): Promise<T> {
  let reply = await send(method, path, body);
  if (reply.status === 401 && failure(reply.status, reply.body).code === 'token-expired') {
    await renewAccess();
    reply = await send(method, path, body);
  }
  if (reply.status >= 400) throw failure(reply.status, reply.body);
  return parse(reply.body);
}

export type SiteReadiness = 'ready' | 'ready-with-warnings' | 'failed' | 'stale' | 'missing';
const READINESS: readonly SiteReadiness[] = ['ready', 'ready-with-warnings', 'failed', 'stale', 'missing'];

/** One site of an upcoming meeting on the readiness board (GET /api/readiness; no shared schema yet). */
export interface ReadinessSite {
  siteId: number;
  code: string;
  name: string;
  readiness: SiteReadiness;
  check: { id: number; verdict: Verdict; runAt: string; runBy: string | null } | null;
  onDuty: ContactView[];
}

export interface ReadinessRow {
  meeting: MeetingView;
  sites: ReadinessSite[];
}

function readinessSite(value: unknown): ReadinessSite {
  const site = value as Record<string, unknown>;
  const check = site.check as Record<string, unknown> | null;
  if (!READINESS.includes(site.readiness as SiteReadiness)) throw new TypeError('readiness: unknown state');
  return {
    siteId: Number(site.siteId),
    code: String(site.code),
    name: String(site.name),
    readiness: site.readiness as SiteReadiness,
    check: check && {
      id: Number(check.id),
      verdict: Verdict.parse(check.verdict),
      runAt: String(check.runAt),
      runBy: typeof check.runBy === 'string' ? check.runBy : null,
    },
    onDuty: ContactView.array().parse(site.onDuty),
  };
}

function readinessBoard(value: unknown): ReadinessRow[] {
  if (!Array.isArray(value)) throw new TypeError('readiness: not a list');
  return value.map((row: { meeting?: unknown; sites?: unknown }) => {
    if (!Array.isArray(row.sites)) throw new TypeError('readiness: no sites');
    return { meeting: MeetingView.parse(row.meeting), sites: row.sites.map(readinessSite) };
  });
}

export interface IncidentFilter {
  open?: boolean;
  siteId?: number;
}

const queryOf = (params: Record<string, string | number | boolean | undefined>) => {
  const defined = Object.entries(params).filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined);
  return defined.length > 0 ? `?${new URLSearchParams(defined.map(([key, value]) => [key, String(value)]))}` : '';
};

const meetingPath = (id: string) => `/meetings/${encodeURIComponent(id)}`;

export const technicianApi = {
  checks: {
    submit: (siteId: number, meetingId: string | null, measurements: CheckMeasurements) =>
      call('POST', `/sites/${siteId}/checks`, (value) => CheckView.parse(value), { meetingId, measurements }),
    list: (siteId: number) => call('GET', `/sites/${siteId}/checks`, (value) => CheckView.array().parse(value)),
  },
  readiness: (days: number) => call('GET', `/readiness${queryOf({ days })}`, readinessBoard),
  /** The reason is needed only when some sites have not passed their check; it is audited. */
  prepare: (meetingId: string, overrideReason?: string) =>
    call('POST', `${meetingPath(meetingId)}/prepare`, (value) => MeetingView.parse(value), overrideReason ? { overrideReason } : {}),
  incidents: {
    list: (filter: IncidentFilter) => call('GET', `/incidents${queryOf({ ...filter })}`, (value) => IncidentView.array().parse(value)),
    open: (input: { siteId: number; meetingId: string | null; type: IncidentType; summary: string }) =>
      call('POST', '/incidents', (value) => IncidentView.parse(value), input),
    update: (id: number, patch: { type?: IncidentType; handledBy?: string; actions?: string }) =>
      call('PATCH', `/incidents/${id}`, (value) => IncidentView.parse(value), patch),
    close: (id: number, resolution: string) => call('POST', `/incidents/${id}/close`, (value) => IncidentView.parse(value), { resolution }),
  },
};
