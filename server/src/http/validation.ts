import type { z } from 'zod';
import { fieldErrors } from '@diemcau/shared';
import { DomainError } from '../errors';

/** Parses input at the boundary with its shared schema; a failure is a 400 naming each bad field. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown, what = 'request'): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new DomainError('invalid-request', `invalid ${what}`, { fields: fieldErrors(parsed.error) });
  }
  return parsed.data;
}

/** A numeric id from the path; anything else names no record, so it is a 404. */
export function idParam(value: unknown, what: string): number {
  const id = Number(value);
  if (!Number.isInteger(id) || id <= 0) throw new DomainError('not-found', `no such ${what}`);
  return id;
}
