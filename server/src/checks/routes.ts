import { Router } from 'express';
import { z } from 'zod';
import { CheckSubmission } from '@diemcau/shared';
import { DomainError } from '../errors';
import { authorize } from '../http/authentication';
import { parseInput } from '../http/validation';
import type { MeetingRegister } from '../meetings/MeetingRegister';
import type { SiteDirectory } from '../sites/SiteDirectory';
import type { CheckLog } from './CheckLog';

const idParam = (value: unknown) => {
  const id = Number(value);
  if (!Number.isInteger(id) || id <= 0) throw new DomainError('not-found', 'no such site');
  return id;
};

const ReadinessQuery = z.object({ days: z.coerce.number().int().min(1).max(31).default(7) }).strict();
const DAY = 86_400_000;

/** Pre-session checks of a site, and the readiness board of upcoming meetings (Art. 6.4). */
export function checkRoutes(checks: CheckLog, sites: SiteDirectory, register: MeetingRegister, now: () => Date): Router {
  const router = Router();

  router.post('/sites/:id/checks', async (request, response) => {
    const siteId = idParam(request.params.id);
    const principal = authorize(request, 'site:check', { siteId });
    const submission = parseInput(CheckSubmission, request.body);
    response.status(201).json(await checks.record(principal, siteId, submission));
  });

  router.get('/sites/:id/checks', async (request, response) => {
    authorize(request, 'meeting:read');
    response.json(await checks.list(idParam(request.params.id), 20));
  });

  router.get('/readiness', async (request, response) => {
    authorize(request, 'meeting:read');
    const { days } = parseInput(ReadinessQuery, request.query, 'readiness query');
    const from = now();
    const upcoming = (await register.calendar({ from: from.toISOString(), to: new Date(from.getTime() + days * DAY).toISOString() })).filter(
      (meeting) => meeting.status === 'approved' || meeting.status === 'prepared' || meeting.status === 'live',
    );
    const siteIds = [...new Set(upcoming.flatMap((meeting) => meeting.siteIds))];
    const [latest, views] = await Promise.all([checks.latest(siteIds), sites.views()]);
    const byId = new Map(views.map((site) => [site.id, site]));
    response.json(
      upcoming.map((meeting) => ({
        meeting,
        sites: meeting.siteIds.map((siteId) => {
          const check = latest.get(siteId) ?? null;
          const site = byId.get(siteId);
          return {
            siteId,
            code: site?.code ?? '',
            name: site?.name ?? '',
            readiness: checks.readinessOf(check ?? undefined),
            check: check && { id: check.id, verdict: check.verdict, runAt: check.runAt, runBy: check.runBy },
            onDuty: site?.contacts.filter((contact) => contact.onDuty) ?? [],
          };
        }),
      })),
    );
  });
  return router;
}
