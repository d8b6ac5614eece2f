import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { kioskRequests } from '@diemcau/shared';
import { DomainError } from '../../src/errors';
import { addLogContext, createLogger } from '../../src/logger';
import { handleRequest, observeRequests } from '../../src/signaling/requests';

/** A logger whose JSON lines the test reads back. */
function capturedLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger('info', sink), lines };
}

/** Just what handleRequest uses of a socket.io socket: events in, an acknowledgement out. */
function fakeSocket(siteCode: string) {
  const socket = Object.assign(new EventEmitter(), { nsp: { server: {} }, data: { site: { code: siteCode } } });
  const ask = (name: string, payload: unknown) => new Promise<unknown>((resolve) => socket.emit(name, payload, resolve));
  return { socket, ask };
}

describe('logs that can be followed (issue 15)', () => {
  it('tags every line written while a request runs, however deep, with its id, the site and the meeting once known', async () => {
    const { logger, lines } = capturedLogger();
    const { socket, ask } = fakeSocket('bac-ai');
    const roomLogger = logger.child({ meeting: 'room-of-m1' });
    handleRequest(socket as never, kioskRequests, 'kiosk:raiseHand', logger, async () => {
      logger.info('before the meeting is known');
      addLogContext({ meeting: 'm1' });
      await new Promise((resolve) => setTimeout(resolve, 5));
      roomLogger.info('deep in the room');
      return {};
    });
    await ask('kiosk:raiseHand', { raised: true });
    await ask('kiosk:raiseHand', { raised: false });
    const [first, deep, second] = lines;
    expect(first).toMatchObject({ msg: 'before the meeting is known', site: 'bac-ai', request: 'kiosk:raiseHand' });
    expect(first!.meeting).toBeUndefined();
    expect(first!.requestId).toMatch(/^[0-9a-f-]{36}$/);
    // The room's own binding stays; the request's id and site are added to it.
    expect(deep).toMatchObject({ msg: 'deep in the room', meeting: 'room-of-m1', site: 'bac-ai', requestId: first!.requestId });
    expect(second!.requestId).not.toBe(first!.requestId);
    expect(second!.meeting).toBeUndefined();
  });

  it('logs a refused request with its error code, and an unexpected failure as internal with the error', async () => {
    const { logger, lines } = capturedLogger();
    const { socket, ask } = fakeSocket('ninh-son');
    let failure: Error = new DomainError('forbidden', 'the chair holds it');
    handleRequest(socket as never, kioskRequests, 'kiosk:raiseHand', logger, async () => {
      throw failure;
    });
    expect(await ask('kiosk:raiseHand', { raised: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    failure = new Error('disk full');
    expect(await ask('kiosk:raiseHand', { raised: true })).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(lines.map((line) => [line.code, line.site, typeof line.requestId])).toEqual([
      ['forbidden', 'ninh-son', 'string'],
      ['internal', 'ninh-son', 'string'],
      ['internal', 'ninh-son', 'string'],
    ]);
    expect(lines[1]).toMatchObject({ level: 50, err: { message: 'disk full' } });
  });

  it('gives an error logged outside any request the code of the error itself', () => {
    const { logger, lines } = capturedLogger();
    logger.error({ err: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }) }, 'could not reach the store');
    logger.error({ err: new Error('odd') }, 'something odd');
    expect(lines.map((line) => line.code)).toEqual(['ECONNREFUSED', 'internal']);
  });

  it('reports each answered request, its duration and its error code to the observer', async () => {
    const { logger } = capturedLogger();
    const { socket, ask } = fakeSocket('bac-ai');
    const answered: Array<[string, string | undefined]> = [];
    observeRequests(socket.nsp.server as never, { requestAnswered: (name, seconds, code) => answered.push([name, seconds >= 0 ? code : 'negative']) });
    handleRequest(socket as never, kioskRequests, 'kiosk:raiseHand', logger, async () => ({}));
    await ask('kiosk:raiseHand', { raised: true });
    await ask('kiosk:raiseHand', { raised: 'yes' });
    expect(answered).toEqual([
      ['kiosk:raiseHand', undefined],
      ['kiosk:raiseHand', 'invalid-request'],
    ]);
  });
});
