import { z } from 'zod';

/** Every failure the server reports has one of these codes; the client translates them for people. */
export const ErrorCode = z.enum([
  'invalid-request',
  'unauthenticated',
  'token-expired',
  'token-invalid',
  'token-revoked',
  'forbidden',
  'not-found',
  'not-in-meeting',
  'media-error',
  'invalid-credentials',
  'rate-limited',
  'conflict',
  'lead-time',
  'invalid-state',
  /** Art. 7.2.d: a site's configuration cannot change while its meeting is live. */
  'config-locked',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ProtocolError = z.object({
  code: ErrorCode,
  message: z.string(),
  /** Field path → message, for validation failures. */
  fields: z.record(z.string(), z.string()).optional(),
  /** Structured detail for the screens, e.g. the meetings a booking collides with. */
  details: z.unknown().optional(),
});
export type ProtocolError = z.infer<typeof ProtocolError>;

export type Result<T> = { ok: true; data: T } | { ok: false; error: ProtocolError };

/** Turns a zod failure into the field map sent back to the caller. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.length > 0 ? issue.path.join('.') : '(root)';
    fields[path] ??= issue.message;
  }
  return fields;
}
