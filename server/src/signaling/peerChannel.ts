import type { Socket } from 'socket.io';
import type { NewConsumer, Result } from '@diemcau/shared';
import { DomainError } from '../errors';
import type { PeerChannel } from '../media/Peer';

/** How long a peer has to set up a consumer the server offers it. */
const CONSUMER_OFFER_TIMEOUT_MS = 10_000;

/** A room's way of talking to a peer connected over socket.io. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- socket.io takes every namespace's typed socket only as Socket<any, …>
export function socketPeerChannel(socket: Socket<any, any, any, any>): PeerChannel {
  return {
    async offerConsumer(consumer: NewConsumer) {
      const result: Result<unknown> = await socket.timeout(CONSUMER_OFFER_TIMEOUT_MS).emitWithAck('media:newConsumer', consumer);
      if (!result.ok) throw new DomainError(result.error.code, result.error.message);
    },
    consumerClosed: (consumerId) => socket.emit('media:consumerClosed', { consumerId }),
    mediaRestart: (reason) => socket.emit('media:restart', { reason }),
  };
}
