import { io, type Socket } from 'socket.io-client';
import type { ChairRequestName, LayoutSpec, RequestOf, Result } from '@diemcau/shared';
import { REFERENCE_GRID } from './bridgeCensus';

const REQUEST_TIMEOUT_MS = 10_000;
/** Access tokens last 15 minutes and the bridge disconnects a socket whose token expired: log in again before. */
const RELOGIN_AFTER_MS = 12 * 60_000;

/**
 * A chair operator's console on `/chair`, for benchmarks: it logs in with the
 * operator's account, attaches to the live meeting (again, with a fresh token,
 * when the socket dropped or its token nears its end), and sets the reference
 * state of a province meeting: the chair's site and the districts in a 4×4, every
 * camera on, nobody holding the floor, every room muted but the first `unmuted`.
 */
export class ChairConsole {
  private socket: Socket | undefined;
  private loggedInAt = 0;
  /** How many times the console logged in and attached. */
  attaches = 0;

  constructor(
    private readonly url: string,
    private readonly account: { username: string; password: string },
    private readonly meetingId: string,
    /** The meeting's sites, the chair's first. */
    readonly codes: readonly string[],
    private readonly unmuted: number,
  ) {}

  async reference(): Promise<void> {
    const layout: LayoutSpec = { template: REFERENCE_GRID, panes: this.codes.slice(0, 16).map((siteCode) => ({ kind: 'site', siteCode })) };
    await this.request('chair:revokeFloor', {});
    await this.request('chair:setLayout', { layout, target: 'all' });
    await this.request('chair:setCameras', { siteCodes: [...this.codes], enabled: true });
    await this.request('chair:muteAll', {});
    const speaking = this.codes.slice(1, this.unmuted);
    if (speaking.length > 0) await this.request('chair:muteSites', { siteCodes: speaking, muted: false });
  }

  /** One console request, on an attached console; a refusal throws with its code. */
  async request<K extends Exclude<ChairRequestName, 'chair:attach'>>(name: K, payload: RequestOf<K>): Promise<void> {
    await this.send(await this.attached(), name, payload);
  }

  close(): void {
    this.socket?.close();
    this.socket = undefined;
  }

  private async attached(): Promise<Socket> {
    if (this.socket?.connected && Date.now() - this.loggedInAt < RELOGIN_AFTER_MS) return this.socket;
    this.close();
    const login = await fetch(`${this.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: this.account.username, password: this.account.password }),
    });
    if (!login.ok) throw new Error(`chair login: ${login.status}`);
    const { accessToken } = (await login.json()) as { accessToken: string };
    this.loggedInAt = Date.now();
    const socket = io(`${this.url}/chair`, { auth: { token: accessToken }, transports: ['websocket'], reconnection: false, forceNew: true });
    this.socket = socket;
    await this.send(socket, 'chair:attach', { meetingId: this.meetingId });
    this.attaches++;
    return socket;
  }

  private async send<K extends ChairRequestName>(socket: Socket, name: K, payload: RequestOf<K>): Promise<void> {
    const result = (await socket.timeout(REQUEST_TIMEOUT_MS).emitWithAck(name, payload)) as Result<unknown>;
    if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  }
}
