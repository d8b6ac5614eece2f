import type { Socket } from 'socket.io';
import type { IceServer, mediaRequests, RequestOf, RtpCapabilities } from '@diemcau/shared';
import { addLogContext, type Logger } from '../logger';
import type { Peer } from '../media/Peer';
import type { JoinAnswer, Room } from '../media/Room';
import { handleRequest } from './requests';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- socket.io takes every namespace's typed socket only as Socket<any, …>
type AnySocket = Socket<any, any, any, any>;

export interface MediaMembership {
  /** Joins the caller's room as a new peer (a gateway decides which room, and as whom). */
  join(request: RequestOf<'media:join'>): Promise<JoinAnswer>;
  /** The caller's peer in its room, looked up once per request; refused when it has none. */
  current(): Promise<{ room: Room; peer: Peer }>;
  /** TURN relays handed out with each transport (kiosks); the connection check chooses its own per probe. */
  iceServers?: () => IceServer[];
}

/** The media requests every peer makes, served against the room and peer its gateway resolves. */
export function registerMediaRequests(
  socket: AnySocket,
  table: typeof mediaRequests,
  logger: Logger,
  capabilities: RtpCapabilities,
  membership: MediaMembership,
): void {
  // Once the peer is known, the request's log lines say which meeting and site it was for.
  const current = async () => {
    const found = await membership.current();
    addLogContext({ meeting: found.room.meetingId, site: found.peer.site.code });
    return found;
  };
  const withRelays = <T extends object>(transport: T): T => {
    const relays = membership.iceServers?.() ?? [];
    return relays.length > 0 ? { ...transport, iceServers: relays } : transport;
  };
  handleRequest(socket, table, 'media:routerCapabilities', logger, async () => capabilities);
  handleRequest(socket, table, 'media:join', logger, async (request) => {
    const answer = await membership.join(request);
    return { ...answer, recv: withRelays(answer.recv), send: answer.send && withRelays(answer.send) };
  });
  handleRequest(socket, table, 'media:resumeConsumers', logger, async ({ consumerIds }) => {
    const { room, peer } = await current();
    await room.resumeConsumers(peer, consumerIds);
    return {};
  });
  handleRequest(socket, table, 'media:requestKeyFrame', logger, async ({ consumerId }) => {
    const { room, peer } = await current();
    await room.requestKeyFrame(peer, consumerId);
    return {};
  });
  handleRequest(socket, table, 'media:createTransport', logger, async ({ direction, protocols }) => {
    const { room, peer } = await current();
    return withRelays(await room.createTransport(peer, direction, protocols));
  });
  handleRequest(socket, table, 'media:connectTransport', logger, async ({ transportId, dtlsParameters }) => {
    const { room, peer } = await current();
    await room.connectTransport(peer, transportId, dtlsParameters);
    return {};
  });
  handleRequest(socket, table, 'media:produce', logger, async (request) => {
    const { room, peer } = await current();
    return { producerId: await room.produce(peer, request) };
  });
  handleRequest(socket, table, 'media:closeProducer', logger, async ({ producerId }) => {
    const { room, peer } = await current();
    room.closeProducer(peer, producerId);
    return {};
  });
}
