import { io, type Socket } from 'socket.io-client';
import type { ChairRequestName, ConferenceState, LayoutSpec, RequestOf, Result } from '@diemcau/shared';
import { REFERENCE_GRID } from './bridgeCensus';

/** A chair operator's account on the bridge, and the live meeting to drive. */
export interface ChairAccess {
  username: string;
  password: string;
  meetingId: string;
}

const REQUEST_TIMEOUT_MS = 10_000;
/** Access tokens last 15 minutes and the bridge disconnects a socket whose token expired: log in again before. */
const RELOGIN_AFTER_MS = 12 * 60_000;

type StateListener = (state: ConferenceState) => void;

/**
 * The chair console's protocol without the page, for benchmarks, the soak and
 * the browser tests: it logs in through the API, attaches to the meeting on
 * `/chair` (again, with a fresh token, when the socket dropped or its token nears
 * its end) and sends the console's requests.
 */
export class ChairConsole {
  private socket: Socket | undefined;
  private loggedInAt = 0;
  private readonly stateListeners = new Set<StateListener>();
  /** How many times the console logged in and attached. */
  attaches = 0;

  constructor(
    private readonly url: string,
    private readonly access: ChairAccess,
  ) {}

  /** A console attached now, so a refused login or meeting shows at once. */
  static async attach(url: string, access: ChairAccess): Promise<ChairConsole> {
    const chair = new ChairConsole(url, access);
    await chair.attached();
    return chair;
  }

  /**
   * The reference state of a province meeting: the chair's site and the districts in a 4×4, every camera
   * on, nobody holding the floor, every room muted but the first `unmuted` (`codes` starts with the chair's).
   */
  async reference(codes: readonly string[], unmuted: number): Promise<void> {
    const layout: LayoutSpec = { template: REFERENCE_GRID, panes: codes.slice(0, 16).map((siteCode) => ({ kind: 'site', siteCode })) };
    await this.request('chair:revokeFloor', {});
    await this.request('chair:setLayout', { layout, target: 'all' });
    await this.request('chair:setCameras', { siteCodes: [...codes], enabled: true });
    await this.request('chair:muteAll', {});
    const speaking = codes.slice(1, unmuted);
    if (speaking.length > 0) await this.request('chair:muteSites', { siteCodes: speaking, muted: false });
  }

  /** One console request, on an attached console; a refusal throws with its code. */
  async request<K extends Exclude<ChairRequestName, 'chair:attach'>>(name: K, payload: RequestOf<K>): Promise<void> {
    await this.send(await this.attached(), name, payload);
  }

  /** Every state of the conference the bridge pushes to the console from now on. */
  onState(listener: StateListener): void {
    this.stateListeners.add(listener);
    this.socket?.on('conference:state', listener);
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
      body: JSON.stringify({ username: this.access.username, password: this.access.password }),
    });
    if (!login.ok) throw new Error(`chair login: ${login.status}`);
    const { accessToken } = (await login.json()) as { accessToken: string };
    this.loggedInAt = Date.now();
    const socket = io(`${this.url}/chair`, { auth: { token: accessToken }, transports: ['websocket'], reconnection: false, forceNew: true });
    this.socket = socket;
    for (const listener of this.stateListeners) socket.on('conference:state', listener);
    await this.send(socket, 'chair:attach', { meetingId: this.access.meetingId });
    this.attaches++;
    return socket;
  }

  private async send<K extends ChairRequestName>(socket: Socket, name: K, payload: RequestOf<K>): Promise<void> {
    const result = (await socket.timeout(REQUEST_TIMEOUT_MS).emitWithAck(name, payload)) as Result<unknown>;
    if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  }
}
