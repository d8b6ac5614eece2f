import { Router } from 'express';
import { z } from 'zod';
import { CalendarDay, CalendarDayQuery } from '@diemcau/shared';
import { authorize } from '../http/authentication';
import { parseInput } from '../http/validation';
import type { HolidayCalendar } from './HolidayCalendar';

const DateParam = z.object({ date: z.iso.date() });

/** The holiday calendar: anyone who reads meetings may see it, the admin edits it. */
export function holidayRoutes(calendar: HolidayCalendar): Router {
  const router = Router();
  router.get('/', async (request, response) => {
    authorize(request, 'meeting:read');
    response.json(await calendar.year(parseInput(CalendarDayQuery, request.query, 'calendar query').year));
  });
  router.put('/:date', async (request, response) => {
    const principal = authorize(request, 'calendar:manage');
    const { date } = parseInput(DateParam, request.params, 'date');
    response.json(await calendar.set(principal, parseInput(CalendarDay, { ...request.body, date })));
  });
  router.delete('/:date', async (request, response) => {
    const principal = authorize(request, 'calendar:manage');
    const { date } = parseInput(DateParam, request.params, 'date');
    await calendar.remove(principal, date);
    response.status(204).end();
  });
  return router;
}
