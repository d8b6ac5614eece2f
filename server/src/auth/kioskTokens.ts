import jwt from 'jsonwebtoken';
import { z } from 'zod';
import type { ErrorCode } from '@diemcau/shared';

const AUDIENCE = 'diemcau-kiosk';
const ALGORITHM = 'HS256';

const KioskClaims = z.object({
  sub: z.string(),
  /** Credential generation of the site: rotating the kiosk link bumps it, which voids older links. */
  gen: z.number().int().min(1),
});

export interface KioskIdentity {
  siteCode: string;
  generation: number;
}

export class KioskTokenError extends Error {
  constructor(
    readonly code: Extract<ErrorCode, 'token-expired' | 'token-invalid' | 'token-revoked'>,
    message: string,
  ) {
    super(message);
  }
}

/** Signs and checks the long-lived tokens carried in kiosk links. */
export class KioskTokens {
  constructor(
    private readonly secret: string,
    private readonly lifetimeDays: number,
  ) {}

  issue(identity: KioskIdentity): string {
    return jwt.sign({ gen: identity.generation }, this.secret, {
      algorithm: ALGORITHM,
      audience: AUDIENCE,
      subject: identity.siteCode,
      expiresIn: `${this.lifetimeDays}d`,
    });
  }

  verify(token: string): KioskIdentity {
    let payload: unknown;
    try {
      payload = jwt.verify(token, this.secret, { algorithms: [ALGORITHM], audience: AUDIENCE });
    } catch (error) {
      if (error instanceof jwt.TokenExpiredError) {
        throw new KioskTokenError('token-expired', 'kiosk link has expired');
      }
      throw new KioskTokenError('token-invalid', 'kiosk link is not valid');
    }
    const claims = KioskClaims.safeParse(payload);
    if (!claims.success) throw new KioskTokenError('token-invalid', 'kiosk link is not valid');
    return { siteCode: claims.data.sub, generation: claims.data.gen };
  }
}
