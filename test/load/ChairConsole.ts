import { io, type Socket } from 'socket.io-client';
import type { ChairRequestName, ConferenceState, RequestOf, Result } from '@diemcau/shared';

/** A chair operator's account on the bridge, and the live meeting to drive. */
export interface ChairAccess {
  username: string;
  password: string;
  meetingId: string;
}

const REQUEST_TIMEOUT_MS = 10_000;

/**
 * The chair console's protocol without the page: logs in through the API,
 * attaches to the meeting on `/chair` and sends the console's requests, as
 * the load generator's bridge sets the reference view and the benchmarks
 * time what a chair's click does to every room.
 */
export class ChairConsole {
  private constructor(private readonly socket: Socket) {}

  static async attach(url: string, access: ChairAccess): Promise<ChairConsole> {
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: access.username, password: access.password }),
    });
    if (!login.ok) throw new Error(`chair login: ${login.status}`);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const chair = new ChairConsole(io(`${url}/chair`, { auth: { token: accessToken }, transports: ['websocket'], reconnection: false, forceNew: true }));
    await chair.request('chair:attach', { meetingId: access.meetingId });
    return chair;
  }

  async request<K extends ChairRequestName>(name: K, payload: RequestOf<K>): Promise<void> {
    const result = (await this.socket.timeout(REQUEST_TIMEOUT_MS).emitWithAck(name, payload)) as Result<unknown>;
    if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  }

  /** Every state of the conference the bridge pushes to the console from now on. */
  onState(listener: (state: ConferenceState) => void): void {
    this.socket.on('conference:state', listener);
  }

  close(): void {
    this.socket.close();
  }
}
