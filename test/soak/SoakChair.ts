import { io, type Socket } from 'socket.io-client';
import type { ChairRequestName, LayoutSpec, LayoutTemplate, RequestOf, Result } from '@diemcau/shared';
import { templatePanes } from '@diemcau/shared';
import { REFERENCE_GRID } from '../load/bridgeCensus';

const REQUEST_TIMEOUT_MS = 10_000;
/** Access tokens last 15 minutes and the bridge disconnects a socket whose token expired: log in again before. */
const RELOGIN_AFTER_MS = 12 * 60_000;
/** The templates a cycle goes through, one per cycle. */
const TEMPLATES: readonly LayoutTemplate[] = ['grid-3x3', 'one-plus-five', 'grid-2x2', 'speaker-strip', 'single', 'grid-4x4'];

/**
 * The chair operator's console in a soak: a `/chair` socket that drives the
 * meeting as an operator would, cycle after cycle, and puts it back in the
 * reference state (the load generator's: the chair's site and the districts in a
 * 4×4, every room muted but the first `unmuted`) before each sample.
 */
export class SoakChair {
  private socket: Socket | undefined;
  private loggedInAt = 0;
  /** How many times the console logged in and attached again. */
  attaches = 0;

  constructor(
    private readonly url: string,
    private readonly account: { username: string; password: string },
    private readonly meetingId: string,
    /** The meeting's sites, the chair's first. */
    private readonly codes: readonly string[],
    private readonly unmuted: number,
  ) {}

  /** One operator's round: mutes, cameras, a layout for all and one for a room, the floor. */
  async cycle(index: number): Promise<void> {
    await this.attached();
    const codes = this.codes;
    const pick = (offset: number) => codes[(index * 3 + offset) % codes.length]!;
    const others = codes.slice(1);
    await this.request('chair:mute', { siteCode: pick(1), muted: index % 2 === 0 });
    await this.request('chair:muteSites', { siteCodes: [pick(2), pick(3)].filter((code, at, all) => all.indexOf(code) === at), muted: index % 2 === 1 });
    await this.request('chair:setCamera', { siteCode: pick(4), enabled: index % 2 === 1 });
    const template = TEMPLATES[index % TEMPLATES.length]!;
    const shown = Array.from({ length: Math.min(templatePanes(template).length, codes.length) }, (_, pane) => codes[(index + pane) % codes.length]!);
    await this.request('chair:setLayout', { layout: { template, panes: shown.map((siteCode) => ({ kind: 'site', siteCode })) }, target: 'all' });
    const overridden = pick(5);
    await this.request('chair:setLayout', { layout: { template: 'single', panes: [{ kind: 'site', siteCode: codes[0]! }] }, target: { siteCode: overridden } });
    if (others.length > 0) await this.request('chair:grantFloor', { siteCode: others[index % others.length]!, toMainPane: index % 2 === 0 });
    await this.request('chair:clearOverride', { siteCode: overridden });
    if (index % 3 === 2) await this.request('chair:revokeFloor', {});
  }

  /** Back to the reference view and mutes, every camera on, nobody holding the floor. */
  async reference(): Promise<void> {
    await this.attached();
    const layout: LayoutSpec = { template: REFERENCE_GRID, panes: this.codes.slice(0, 16).map((siteCode) => ({ kind: 'site', siteCode })) };
    await this.request('chair:revokeFloor', {});
    await this.request('chair:setLayout', { layout, target: 'all' });
    await this.request('chair:setCameras', { siteCodes: [...this.codes], enabled: true });
    await this.request('chair:muteAll', {});
    const speaking = this.codes.slice(1, this.unmuted);
    if (speaking.length > 0) await this.request('chair:muteSites', { siteCodes: speaking, muted: false });
  }

  close(): void {
    this.socket?.close();
    this.socket = undefined;
  }

  /** A console attached with a fresh access token: logs in and attaches again when the token nears its end or the socket dropped. */
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
    await this.request('chair:attach', { meetingId: this.meetingId });
    this.attaches++;
    return socket;
  }

  private async request<K extends ChairRequestName>(name: K, payload: RequestOf<K>): Promise<void> {
    const result = (await this.socket!.timeout(REQUEST_TIMEOUT_MS).emitWithAck(name, payload)) as Result<unknown>;
    if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  }
}
