import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { KioskTokenError, KioskTokens } from '../../src/auth/kioskTokens';

const secret = 'a'.repeat(48);
const tokens = new KioskTokens(secret, 365);

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof KioskTokenError ? error.code : 'other';
  }
  return undefined;
}

describe('kiosk tokens', () => {
  it('round-trips the site and credential generation', () => {
    expect(tokens.verify(tokens.issue({ siteCode: 'bac-ai', generation: 3 }))).toEqual({ siteCode: 'bac-ai', generation: 3 });
  });

  it('refuses a token signed with another secret as invalid', () => {
    const forged = new KioskTokens('b'.repeat(48), 365).issue({ siteCode: 'bac-ai', generation: 1 });
    expect(codeOf(() => tokens.verify(forged))).toBe('token-invalid');
  });

  it('refuses an expired token as expired', () => {
    const expired = jwt.sign({ gen: 1, exp: Math.floor(Date.now() / 1000) - 60 }, secret, {
      algorithm: 'HS256',
      audience: 'diemcau-kiosk',
      subject: 'bac-ai',
    });
    expect(codeOf(() => tokens.verify(expired))).toBe('token-expired');
  });

  it('refuses an unsigned ("alg: none") token', () => {
    const unsigned = jwt.sign({ gen: 1 }, '', { algorithm: 'none', audience: 'diemcau-kiosk', subject: 'bac-ai' });
    expect(codeOf(() => tokens.verify(unsigned))).toBe('token-invalid');
  });

  it('refuses a token meant for another audience', () => {
    const other = jwt.sign({ gen: 1 }, secret, { algorithm: 'HS256', audience: 'someone-else', subject: 'bac-ai' });
    expect(codeOf(() => tokens.verify(other))).toBe('token-invalid');
  });

  it('refuses garbage', () => {
    expect(codeOf(() => tokens.verify('not-a-token'))).toBe('token-invalid');
  });
});
