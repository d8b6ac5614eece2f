import fc from 'fast-check';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  BookingCheckRequest,
  chairRequests,
  CheckSubmission,
  checkRequests,
  ContactInput,
  Decision,
  ErrorCode,
  IncidentInput,
  IncidentUpdate,
  Invitation,
  kioskRequests,
  MeetingRequest,
  SiteConfiguration,
  SiteInput,
  SitePatch,
  UnitInput,
  UnitPatch,
  UserInput,
  UserPatch,
  type ConferenceState,
  type Result,
  type SiteView,
} from '@diemcau/shared';
import { apiClient, nextEvent, startTestPlatform, type TestPlatform } from './harness';

/**
 * Issue 11, deliver 7 (first part): property-based fuzzing of every socket request table and REST
 * body, driven by the shared schemas: wholly malformed values, and values shaped like the schema
 * (its keys) with hostile contents. The bridge must answer each with a result or a coded 4xx, never
 * fail internally, keep the connection, and write nothing for a refused request.
 */
let platform: TestPlatform;
let meetingId: string;

beforeAll(async () => {
  platform = await startTestPlatform({ manualScheduler: true });
  meetingId = await platform.liveMeetingId();
});
afterAll(async () => {
  await platform?.close();
});

const RUNS = 25;

/** Anything at all, or an object with the schema's own keys holding anything. */
function hostileFor(schema: z.ZodType): fc.Arbitrary<unknown> {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape ?? {};
  const keys = Object.keys(shape);
  return fc.oneof(
    fc.anything({ maxDepth: 3 }),
    fc.dictionary(fc.string({ maxLength: 12 }), fc.anything({ maxDepth: 2 }), { maxKeys: 6 }),
    ...(keys.length > 0 ? [fc.record(Object.fromEntries(keys.map((key) => [key, fc.anything({ maxDepth: 2 })])), { requiredKeys: [] })] : []),
  );
}

const knownCodes = new Set<string>(ErrorCode.options);

async function fuzzSocket(socket: Socket, table: Record<string, { request: z.ZodType }>): Promise<void> {
  const events = Object.keys(table);
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        fc.constantFrom(...events).chain((event) => fc.tuple(fc.constant(event), hostileFor(table[event]!.request))),
        fc.tuple(fc.string({ maxLength: 30 }), fc.anything({ maxDepth: 2 })),
      ),
      async ([event, payload]) => {
        const result = (await socket.timeout(5_000).emitWithAck(event, payload)) as Result<unknown>;
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) {
          expect(knownCodes.has(result.error.code)).toBe(true);
          expect(result.error.code).not.toBe('internal');
        }
      },
    ),
    { numRuns: RUNS * events.length },
  );
  expect(socket.connected).toBe(true);
}

/** Audit entries of changes; a refused change of a live site's configuration is audited on purpose (Art. 7.2.d). */
const auditCount = async () =>
  Number((await platform.db('audit_log').whereNot({ action: 'site.config.refused' }).count<{ count: number | string }[]>({ count: '*' }))[0]!.count);

describe('fuzzing the socket request tables', () => {
  it('answers every kiosk request, malformed or hostile, without an internal error or a lost connection', async () => {
    const kiosk = platform.connectKiosk({ token: await platform.kioskToken('bac-ai') });
    await nextEvent(kiosk, 'conference:view');
    await fuzzSocket(kiosk, kioskRequests);
  });

  it('answers every chair console request the same way', async () => {
    const console = platform.connect('/chair', { token: await platform.login('chutoa') }) as unknown as Socket;
    const attached = (await console.emitWithAck('chair:attach', { meetingId })) as Result<ConferenceState>;
    expect(attached.ok).toBe(true);
    await fuzzSocket(console, chairRequests);
  });

  it('answers every check request the same way', async () => {
    const check = platform.connect('/check', { token: await platform.login('kythuat.bacai'), siteCode: 'bac-ai' }) as unknown as Socket;
    await nextEvent(check as never, 'connect');
    await fuzzSocket(check, checkRequests);
    expect((await fetch(`${platform.url}/healthz`)).status).toBe(200);
  });
});

describe('fuzzing the REST bodies', () => {
  it('accepts an empty user patch as no change (it was a 500, found by this fuzzer)', async () => {
    const admin = apiClient(platform.url, await platform.login('admin'));
    const response = await admin<{ username: string }>('PATCH', '/users/2', {});
    expect(response.status).toBe(200);
    expect(response.body.username).toBeTruthy();
  });

  it('refuses every malformed or hostile body with a coded 4xx and writes nothing for it', async () => {
    const tokens = Object.fromEntries(
      await Promise.all(['admin', 'sotttt', 'vanphong', 'vnpt', 'kythuat.bacai'].map(async (user) => [user, await platform.login(user)] as const)),
    );
    const admin = apiClient(platform.url, tokens.admin);
    const sites = (await admin<SiteView[]>('GET', '/sites')).body;
    const bacAi = sites.find((site) => site.code === 'bac-ai')!.id;
    const endpoints: Array<[user: string, method: string, path: string, schema: z.ZodType]> = [
      ['sotttt', 'POST', '/meetings', MeetingRequest],
      ['sotttt', 'POST', '/meetings/check', BookingCheckRequest],
      ['vanphong', 'POST', `/meetings/${meetingId}/reject`, Decision],
      ['vanphong', 'PUT', `/meetings/${meetingId}/invitation`, Invitation],
      ['admin', 'POST', '/units', UnitInput],
      ['admin', 'PATCH', '/units/1', UnitPatch],
      ['admin', 'POST', '/sites', SiteInput],
      ['admin', 'PATCH', `/sites/${bacAi}`, SitePatch],
      ['admin', 'PATCH', `/sites/${bacAi}/configuration`, SiteConfiguration],
      ['kythuat.bacai', 'POST', `/sites/${bacAi}/contacts`, ContactInput],
      ['kythuat.bacai', 'POST', `/sites/${bacAi}/checks`, CheckSubmission],
      ['admin', 'POST', '/users', UserInput],
      ['admin', 'PATCH', '/users/2', UserPatch],
      ['vnpt', 'POST', '/incidents', IncidentInput],
      ['vnpt', 'PATCH', '/incidents/1', IncidentUpdate],
    ];
    for (const [user, method, path, schema] of endpoints) {
      const call = apiClient(platform.url, tokens[user]);
      await fc.assert(
        fc.asyncProperty(hostileFor(schema), async (body) => {
          const before = await auditCount();
          const text = JSON.stringify(body);
          const response = await call<{ error?: { code: string } }>(method, path, text === undefined ? undefined : text);
          expect(response.status, `${method} ${path} ${text}`).toBeLessThan(500);
          if (response.status >= 400) {
            expect(knownCodes.has(response.body.error?.code ?? ''), `${method} ${path}`).toBe(true);
            expect(await auditCount(), `${method} ${path} wrote for a refused body`).toBe(before);
          }
        }),
        { numRuns: RUNS },
      );
    }
    expect((await fetch(`${platform.url}/healthz`)).status).toBe(200);
  });
});
