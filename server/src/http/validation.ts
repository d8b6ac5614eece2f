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
