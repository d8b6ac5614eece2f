import type { ErrorCode } from '@diemcau/shared';

/** An expected failure with a code the client can explain to people; anything else is `internal`. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: { fields?: Record<string, string>; details?: unknown } = {},
  ) {
    super(message);
  }
}
