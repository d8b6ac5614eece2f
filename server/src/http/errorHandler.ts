import type { ErrorRequestHandler } from 'express';
import type { ErrorCode, ProtocolError } from '@diemcau/shared';
import { DomainError } from '../errors';
import type { Logger } from '../logger';

const statusOf: Record<ErrorCode, number> = {
  'invalid-request': 400,
  'media-error': 400,
  unauthenticated: 401,
  'token-expired': 401,
  'token-invalid': 401,
  'token-revoked': 401,
  'invalid-credentials': 401,
  forbidden: 403,
  'not-found': 404,
  'not-in-meeting': 409,
  conflict: 409,
  'invalid-state': 409,
  'config-locked': 423,
  'lead-time': 422,
  'rate-limited': 429,
  internal: 500,
};

/** Told of every refusal, so the metrics can count the ones operators watch. */
export interface RefusalObserver {
  refusal(code: ErrorCode): void;
}

/** Every failure leaves as JSON `{ error: { code, message, fields?, details? } }` with a fitting status. */
export function errorHandler(logger: Logger, refusals: RefusalObserver): ErrorRequestHandler {
  return (error, _request, response, _next) => {
    let body: ProtocolError;
    if (error instanceof DomainError) {
      body = { code: error.code, message: error.message, ...error.extra };
    } else if (error?.type === 'entity.parse.failed') {
      body = { code: 'invalid-request', message: 'the request body is not valid JSON' };
    } else if (error?.type === 'entity.too.large') {
      body = { code: 'invalid-request', message: 'the request body is too large' };
    } else {
      logger.error({ err: error, code: 'internal' }, 'request failed');
      body = { code: 'internal', message: 'internal error' };
    }
    refusals.refusal(body.code);
    response.status(statusOf[body.code]).json({ error: body });
  };
}
