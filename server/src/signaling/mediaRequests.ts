import type { Socket } from 'socket.io';
import type { mediaRequests } from '@diemcau/shared';
import { addLogContext, type Logger } from '../logger';
import type { Peer } from '../media/Peer';
import type { Room } from '../media/Room';
import { handleRequest } from './requests';

type AnySocket = Socket<any, any, any, any>;

/** The media requests every peer makes, served against whichever room and peer the caller resolves. */
export function registerMediaRequests(
  socket: AnySocket,
  table: typeof mediaRequests,
  logger: Logger,
  resolvePeer: () => Promise<{ room: Room; peer: Peer }>,
): void {
  // Once the peer is known, the request's log lines say which meeting and site it was for.
  const currentPeer = async () => {
    const found = await resolvePeer();
    addLogContext({ meeting: found.room.meetingId, site: found.peer.site.code });
    return found;
  };
  handleRequest(socket, table, 'media:routerCapabilities', logger, async () => (await currentPeer()).room.rtpCapabilities);
  handleRequest(socket, table, 'media:createTransport', logger, async ({ direction, protocols }) => {
    const { room, peer } = await currentPeer();
    return room.createTransport(peer, direction, protocols);
  });
  handleRequest(socket, table, 'media:connectTransport', logger, async ({ transportId, dtlsParameters }) => {
    const { room, peer } = await currentPeer();
    await room.connectTransport(peer, transportId, dtlsParameters);
    return {};
  });
  handleRequest(socket, table, 'media:join', logger, async ({ rtpCapabilities }) => {
    const { room, peer } = await currentPeer();
    // Consumers are offered after the answer, so the peer is ready to take them.
    setImmediate(() => void room.join(peer, rtpCapabilities).catch((error: unknown) => logger.warn({ err: error }, 'join failed')));
    return {};
  });
  handleRequest(socket, table, 'media:produce', logger, async (request) => {
    const { room, peer } = await currentPeer();
    return { producerId: await room.produce(peer, request) };
  });
  handleRequest(socket, table, 'media:closeProducer', logger, async ({ producerId }) => {
    const { room, peer } = await currentPeer();
    room.closeProducer(peer, producerId);
    return {};
  });
}
