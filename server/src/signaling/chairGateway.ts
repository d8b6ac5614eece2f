import type { Namespace, Server, Socket } from 'socket.io';
import {
  chairRequests,
  type ChairRequestName,
  type ClientToServerEvents,
  type RequestOf,
  type ResponseOf,
  type ServerToClientEvents,
  type SiteMeters,
} from '@diemcau/shared';
import type { AuditLog } from '../audit/AuditLog';
import { can, type Principal } from '../auth/permissions';
import type { Conference } from '../conference/Conference';
import { CONSOLE_SITE, type Conferences } from '../conference/Conferences';
import { DomainError } from '../errors';
import { addLogContext, type Logger } from '../logger';
import type { Bridge } from '../media/Bridge';
import type { Peer } from '../media/Peer';
import type { Room } from '../media/Room';
import type { MeetingRepository } from '../meetings/MeetingRepository';
import type { Database } from '../store/database';
import { registerMediaRequests } from './mediaRequests';
import { socketPeerChannel } from './peerChannel';
import { handleRequest, rejectUnknownEvents } from './requests';
import type { UserSockets } from './userSockets';

interface SocketData {
  principal: Principal;
}

type ChairSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface ChairGatewayDeps {
  db: Database;
  userSockets: UserSockets;
  meetings: MeetingRepository;
  bridge: Bridge;
  conferences: Conferences;
  audit: AuditLog;
  logger: Logger;
  metrics: { layoutPushed(): void };
}

/** Meters (audio level, connection score) reach the console this often. */
const METERS_INTERVAL_MS = 250;

/**
 * The `/chair` namespace: the chair operator's console drives one live
 * meeting's conference, and joins its room as a peer that watches every site
 * and may present. Every control is authorised by role and audited (Art. 14).
 */
export class ChairGateway {
  private readonly namespace: Namespace;

  constructor(io: Server, deps: ChairGatewayDeps) {
    this.namespace = io.of('/chair');
    deps.userSockets.guard(this.namespace, (principal) => {
      if (!can(principal, 'meeting:operate')) throw new DomainError('forbidden', 'only the chair operator drives the meeting');
    });
    this.namespace.on('connection', (socket) => new ConsoleSession(socket as ChairSocket, deps));
  }

  close(): void {
    this.namespace.disconnectSockets(true);
  }
}

type Control = Exclude<ChairRequestName, `media:${string}` | 'chair:attach'>;

/** The controls that push a new layout to the rooms. */
const LAYOUT_CONTROLS: readonly Control[] = ['chair:setLayout', 'chair:clearOverride'];

class ConsoleSession {
  private attached: { room: Room; peer: Peer; conference: Conference } | undefined;
  private meters: ReturnType<typeof setInterval> | undefined;
  private levels = new Map<string, number>();
  private readonly logger: Logger;
  private readonly pushState = () => {
    if (this.attached) this.socket.emit('conference:state', this.attached.conference.state());
  };
  private readonly takeLevels = (levels: Map<string, number>) => {
    this.levels = levels;
  };

  constructor(
    private readonly socket: ChairSocket,
    private readonly deps: ChairGatewayDeps,
  ) {
    this.logger = deps.logger.child({ console: socket.data.principal.username });
    rejectUnknownEvents(socket, Object.keys(chairRequests));
    const current = async () => {
      if (!this.attached || this.attached.peer.closed || this.attached.room.isClosed) {
        throw new DomainError('not-in-meeting', 'attach to a live meeting first');
      }
      return this.attached;
    };
    registerMediaRequests(socket, chairRequests, this.logger, deps.bridge.rtpCapabilities, {
      join: async (request) => {
        const { room, peer } = await current();
        return room.join(peer, request);
      },
      current,
    });
    handleRequest(socket, chairRequests, 'chair:attach', this.logger, async ({ meetingId }) => this.attach(meetingId));
    handleRequest(socket, chairRequests, 'chair:watch', this.logger, async ({ siteCodes }) => {
      const { room, peer } = await current();
      room.watch(peer, siteCodes);
      return {};
    });
    this.control('chair:setLayout', (c, { layout, target }) => c.setLayout(layout, target));
    this.control('chair:clearOverride', (c, { siteCode }) => c.clearOverride(siteCode));
    this.control('chair:setVoice', (c, voice) => c.setVoice(voice));
    this.control('chair:setLook', (c, look) => c.setLook(look));
    this.control('chair:mute', (c, { siteCode, muted }) => c.mute(siteCode, muted));
    this.control('chair:muteAll', (c) => c.muteAllButChair());
    this.control('chair:setCamera', (c, { siteCode, enabled }) => c.setCamera(siteCode, enabled));
    this.control('chair:setAudio', (c, { siteCode, micGain, speakerVolume }) => c.setAudio(siteCode, { micGain, speakerVolume }));
    this.control('chair:grantFloor', (c, { siteCode, toMainPane }) => c.grantFloor(siteCode, toMainPane));
    this.control('chair:revokeFloor', (c) => c.revokeFloor());
    this.control('chair:setPresenter', (c, { presenter }) => c.setPresenter(presenter));
    this.control('chair:muteSites', (c, { siteCodes, muted }) => c.muteSites(siteCodes, muted));
    this.control('chair:setCameras', (c, { siteCodes, enabled }) => c.setCameras(siteCodes, enabled));
    this.control('chair:showSites', (c, { siteCodes }) => c.showSites(siteCodes));
    this.control('chair:setScan', (c, { scan }) => c.setScan(scan));
    this.control('chair:pauseScan', (c, { paused }) => c.pauseScan(paused));
    socket.on('disconnect', () => this.detach());
  }

  private async attach(meetingId: string) {
    addLogContext({ meeting: meetingId });
    const meeting = await this.deps.meetings.byId(meetingId);
    if (!meeting || meeting.status !== 'live') throw new DomainError('not-in-meeting', 'this meeting is not live');
    this.detach();
    const room = this.deps.bridge.roomFor(meetingId);
    const conference = await this.deps.conferences.forMeeting(meetingId);
    this.deps.conferences.bind(room, conference);
    const peer = await room.addPeer(this.socket.id, CONSOLE_SITE, socketPeerChannel(this.socket), 'console');
    // The console may have closed while it was being placed: nothing of it may stay behind.
    if (!this.socket.connected) {
      room.removePeer(peer.id);
      throw new DomainError('not-in-meeting', 'the console left before it attached');
    }
    this.attached = { room, peer, conference };
    conference.on('changed', this.pushState);
    room.on('audioLevels', this.takeLevels);
    room.once('close', () => this.detach());
    this.meters = setInterval(() => this.pushMeters(), METERS_INTERVAL_MS);
    return conference.state();
  }

  private detach(): void {
    if (!this.attached) return;
    const { room, peer, conference } = this.attached;
    this.attached = undefined;
    clearInterval(this.meters);
    conference.off('changed', this.pushState);
    room.off('audioLevels', this.takeLevels);
    room.removePeer(peer.id);
  }

  private pushMeters(): void {
    if (!this.attached) return;
    const meters: SiteMeters = {};
    for (const [siteCode, score] of this.attached.room.siteScores()) {
      meters[siteCode] = { audioLevel: this.levels.get(siteCode) ?? 0, score };
    }
    this.socket.volatile.emit('conference:meters', meters);
  }

  /** A conference control: validated by its schema, applied, and recorded with who did it. */
  private control<K extends Control>(name: K, apply: (conference: Conference, payload: RequestOf<K>) => void): void {
    handleRequest(this.socket, chairRequests, name, this.logger, async (payload) => {
      if (!this.attached) throw new DomainError('not-in-meeting', 'attach to a live meeting first');
      const { conference } = this.attached;
      addLogContext({ meeting: conference.meetingId });
      apply(conference, payload);
      if (LAYOUT_CONTROLS.includes(name)) this.deps.metrics.layoutPushed();
      await this.deps.audit.record(this.deps.db, this.socket.data.principal, {
        action: name.replace(':', '.'),
        entityType: 'meeting',
        entityId: conference.meetingId,
        after: payload,
      });
      return {} as ResponseOf<K>;
    });
  }
}
