/**
 * The bare page's signaling, for the join benchmark's floor: JSON over a plain WebSocket. The bridge speaks
 * first (its capabilities); the page joins in one request answered with both transports and the consumers
 * of everything already sent, resumes them, then publishes.
 */
export type BareRequest =
  | { id: number; method: 'join'; data: { rtpCapabilities: unknown } }
  | { id: number; method: 'connect'; data: { transportId: string; dtlsParameters: unknown } }
  | { id: number; method: 'produce'; data: { transportId: string; kind: 'audio' | 'video'; rtpParameters: unknown } }
  | { id: number; method: 'resume'; data: { consumerIds: string[] } };

export interface BareTransport {
  id: string;
  iceParameters: unknown;
  iceCandidates: unknown;
  dtlsParameters: unknown;
}

export interface BareConsumer {
  consumerId: string;
  producerId: string;
  kind: 'audio' | 'video';
  rtpParameters: unknown;
}

export interface BareJoinAnswer {
  recv: BareTransport;
  send: BareTransport;
  consumers: BareConsumer[];
}

export type BareMessage =
  { type: 'capabilities'; data: unknown } | { type: 'newConsumer'; data: BareConsumer } | { type: 'response'; id: number; data?: unknown; error?: string };
