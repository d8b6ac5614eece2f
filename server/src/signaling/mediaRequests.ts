import type { Socket } from 'socket.io';
import type { IceServer, mediaRequests } from '@diemcau/shared';
import type { Logger } from '../logger';
import type { Peer } from '../media/Peer';
import type { Room } from '../media/Room';
import { handleRequest } from './requests';

type AnySocket = Socket<any, any, any, any>;

/** The media requests every peer makes, served against whichever room and peer the caller resolves. */
export function registerMediaRequests(
  socket: AnySocket,
  table: typeof mediaRequests,
  logger: Logger,
  currentPeer: () => Promise<{ room: Room; peer: Peer }>,
  /** TURN servers handed out with each transport (kiosks); the connection check chooses its own per probe. */
  iceServers: () => IceServer[] = () => [],
): void {
  handleRequest(socket, table, 'media:routerCapabilities', logger, async () => (await currentPeer()).room.rtpCapabilities);
  handleRequest(socket, table, 'media:createTransport', logger, async ({ direction, protocols }) => {
    const { room, peer } = await currentPeer();
    const relays = iceServers();
    return { ...(await room.createTransport(peer, direction, protocols)), ...(relays.length > 0 && { iceServers: relays }) };
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
