import { describe, expect, it } from 'vitest';
import { invitationBeforeApproval, validateRequest, type MeetingRequestFacts } from '../../../src/meetings/rules';
import { at, policy } from './fixtures';

const valid: MeetingRequestFacts = {
  kind: 'departmental',
  startsAt: at('2025-06-10 08:00'),
  endsAt: at('2025-06-10 10:00'),
  attestsNotSecret: true,
};

describe('request validation', () => {
  it('Art. 10: a well-formed departmental request has no problem', () => {
    expect(validateRequest(valid)).toEqual([]);
  });

  it('Art. 10: a meeting must end after it starts', () => {
    expect(validateRequest({ ...valid, endsAt: valid.startsAt }).map((p) => p.code)).toEqual(['ends-not-after-start']);
    expect(validateRequest({ ...valid, endsAt: at('2025-06-10 07:00') }).map((p) => p.code)).toEqual(['ends-not-after-start']);
    expect(validateRequest({ ...valid, endsAt: new Date(NaN) }).map((p) => p.code)).toEqual(['ends-not-after-start']);
  });

  it('Art. 4.2: a departmental request must attest its content is not secret or sensitive', () => {
    expect(validateRequest({ ...valid, attestsNotSecret: false })).toEqual([expect.objectContaining({ code: 'secret-not-ruled-out', article: '4.2' })]);
  });

  it('Art. 4.1: a provincial request does not need the departmental attestation', () => {
    expect(validateRequest({ ...valid, kind: 'provincial', attestsNotSecret: false })).toEqual([]);
  });

  it('Art. 4.2: all problems are reported at once', () => {
    expect(validateRequest({ ...valid, endsAt: valid.startsAt, attestsNotSecret: false }).map((p) => p.code)).toEqual([
      'ends-not-after-start',
      'secret-not-ruled-out',
    ]);
  });
});

describe('Art. 4.2, 11.2: invitation issued only after the Office agreed the time', () => {
  const approvedMonday = at('2025-06-09 16:00');

  it('Art. 11.2: an invitation dated before the day of approval is flagged', () => {
    expect(invitationBeforeApproval({ kind: 'departmental', invitationDate: '2025-06-08', approvedAt: approvedMonday }, policy)).toBe(true);
  });

  it('Art. 11.2: an invitation dated the day of approval or later is not flagged', () => {
    expect(invitationBeforeApproval({ kind: 'departmental', invitationDate: '2025-06-09', approvedAt: approvedMonday }, policy)).toBe(false);
    expect(invitationBeforeApproval({ kind: 'departmental', invitationDate: '2025-06-12', approvedAt: approvedMonday }, policy)).toBe(false);
  });

  it('Art. 11.2: an invitation issued while the meeting is unapproved is flagged', () => {
    expect(invitationBeforeApproval({ kind: 'departmental', invitationDate: '2025-06-09', approvedAt: null }, policy)).toBe(true);
  });

  it('Art. 11.2: no invitation yet, nothing to flag', () => {
    expect(invitationBeforeApproval({ kind: 'departmental', invitationDate: null, approvedAt: null }, policy)).toBe(false);
  });

  it('Art. 4.1: a provincial meeting is organised from its invitation, so it is never flagged', () => {
    expect(invitationBeforeApproval({ kind: 'provincial', invitationDate: '2025-06-01', approvedAt: approvedMonday }, policy)).toBe(false);
  });

  it('Art. 11.2: the day of approval is read in the policy time zone', () => {
    // 18:00 UTC on 9 June is already 10 June in Vietnam, still 9 June in Paris.
    const facts = { kind: 'departmental' as const, invitationDate: '2025-06-09', approvedAt: new Date('2025-06-09T18:00:00Z') };
    expect(invitationBeforeApproval(facts, policy)).toBe(true);
    expect(invitationBeforeApproval(facts, { ...policy, timeZone: 'Europe/Paris' })).toBe(false);
  });

  it('Art. 11.2: an invitation date that is not a calendar date is refused', () => {
    const facts = { kind: 'departmental' as const, approvedAt: approvedMonday };
    expect(() => invitationBeforeApproval({ ...facts, invitationDate: '2025-6-9' }, policy)).toThrow(RangeError);
    expect(() => invitationBeforeApproval({ ...facts, invitationDate: '2025-02-30' }, policy)).toThrow(RangeError);
  });
});
