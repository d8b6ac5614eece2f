import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { keepConnected, Retry, RETRY_SCHEDULE, retryDelay } from '../src/media/reconnect';
import type { SignalingSocket } from '../src/media/signaling';

/** Math.random's draw, for the jitter. */
const drawing = (value: number) => vi.spyOn(Math, 'random').mockReturnValue(value);
afterEach(() => vi.restoreAllMocks());

describe('the retry schedule (issue 14: a room is back within a second of its line or the bridge)', () => {
  it('starts at 250 ms and doubles', () => {
    drawing(0.5);
    expect([0, 1, 2, 3].map((attempt) => retryDelay(attempt))).toEqual([250, 500, 1_000, 2_000]);
  });

  it('is capped, so a room comes back within seconds of the bridge however long it was away', () => {
    drawing(0.5);
    expect(retryDelay(5)).toBe(RETRY_SCHEDULE.maxMs);
    expect(retryDelay(40)).toBe(RETRY_SCHEDULE.maxMs);
  });

  it("spreads each wait by half either way, so a bridge's rooms do not all return in the same instant", () => {
    drawing(0);
    expect(retryDelay(0)).toBe(125);
    drawing(1);
    expect(retryDelay(0)).toBe(375);
    expect(retryDelay(40)).toBe(7_500);
  });
});

describe('Retry', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('waits longer after each failure and starts afresh after a success', () => {
    drawing(0.5);
    const retry = new Retry();
    const attempt = vi.fn();
    const waitBeforeAttempt = () => {
      const before = attempt.mock.calls.length;
      retry.schedule(attempt);
      let waited = 0;
      while (attempt.mock.calls.length === before && waited < 10_000) {
        vi.advanceTimersByTime(50);
        waited += 50;
      }
      return waited;
    };
    expect([waitBeforeAttempt(), waitBeforeAttempt(), waitBeforeAttempt()]).toEqual([250, 500, 1_000]);
    retry.succeeded();
    expect(waitBeforeAttempt()).toBe(250);
  });

  it('keeps one retry pending, and none once cancelled', () => {
    const retry = new Retry();
    const first = vi.fn();
    const second = vi.fn();
    retry.schedule(first);
    retry.schedule(second);
    vi.advanceTimersByTime(10_000);
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledOnce();
    retry.schedule(first);
    retry.cancel();
    vi.advanceTimersByTime(10_000);
    expect(first).not.toHaveBeenCalled();
  });
});

/** The parts of a socket.io socket that keepConnected uses. */
class FakeSocket extends EventEmitter {
  active = false;
  reconnecting = true;
  readonly connect = vi.fn();
  readonly io = { reconnection: () => this.reconnecting };
}

const refusal = (code?: string) => Object.assign(new Error('refused'), code ? { data: { code } } : {});

function watched(socket: FakeSocket, options: { renewAccess?: () => Promise<unknown>; retryRefusedMs?: number } = {}) {
  const onReconnecting = vi.fn();
  const onRefused = vi.fn();
  const cancel = keepConnected(socket as unknown as SignalingSocket, { onReconnecting, onRefused, ...options });
  return { onReconnecting, onRefused, cancel };
}

describe('keepConnected', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('leaves a lost link to socket.io, which is already retrying it', () => {
    const socket = new FakeSocket();
    socket.active = true;
    const { onReconnecting, onRefused } = watched(socket);
    socket.emit('connect_error', new Error('xhr poll error'));
    expect(onReconnecting).toHaveBeenCalledOnce();
    expect(onRefused).not.toHaveBeenCalled();
    expect(socket.connect).not.toHaveBeenCalled();
  });

  it('connects again at once when the bridge closed the link (a restart), unless reconnection was turned off', () => {
    const socket = new FakeSocket();
    watched(socket);
    socket.emit('disconnect', 'transport close');
    expect(socket.connect).not.toHaveBeenCalled();
    socket.emit('disconnect', 'io server disconnect');
    expect(socket.connect).toHaveBeenCalledOnce();
    socket.reconnecting = false;
    socket.emit('disconnect', 'io server disconnect');
    expect(socket.connect).toHaveBeenCalledOnce();
  });

  it('renews an expired access token and connects again, or reports the refusal when renewing fails', async () => {
    const socket = new FakeSocket();
    const renewAccess = vi.fn().mockResolvedValueOnce(undefined).mockRejectedValueOnce(new Error('logged out'));
    const { onRefused } = watched(socket, { renewAccess });
    socket.emit('connect_error', refusal('token-expired'));
    await vi.waitFor(() => expect(socket.connect).toHaveBeenCalledOnce());
    expect(onRefused).not.toHaveBeenCalled();
    socket.emit('connect_error', refusal('token-expired'));
    await vi.waitFor(() => expect(onRefused).toHaveBeenCalledWith('token-expired', null));
    expect(socket.connect).toHaveBeenCalledOnce();
  });

  it('takes any other refusal as final, without a way to retry it', () => {
    const socket = new FakeSocket();
    const { onRefused } = watched(socket, { renewAccess: vi.fn() });
    socket.emit('connect_error', refusal('token-revoked'));
    socket.emit('connect_error', refusal());
    expect(onRefused.mock.calls).toEqual([
      ['token-revoked', null],
      ['network', null],
    ]);
    vi.advanceTimersByTime(600_000);
    expect(socket.connect).not.toHaveBeenCalled();
  });

  it('tries a refused kiosk link again later, once per refusal, and not after being cancelled', () => {
    const socket = new FakeSocket();
    const { onRefused, cancel } = watched(socket, { retryRefusedMs: 60_000 });
    socket.emit('connect_error', refusal('token-invalid'));
    socket.emit('connect_error', refusal('token-invalid'));
    expect(onRefused).toHaveBeenLastCalledWith('token-invalid', 60_000);
    vi.advanceTimersByTime(59_999);
    expect(socket.connect).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(socket.connect).toHaveBeenCalledOnce();
    socket.emit('connect_error', refusal('token-invalid'));
    cancel();
    vi.advanceTimersByTime(120_000);
    expect(socket.connect).toHaveBeenCalledOnce();
  });
});
