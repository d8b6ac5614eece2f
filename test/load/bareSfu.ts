/**
 * Bare mediasoup, for the load generator's comparison: the least a mediasoup
 * SFU must do to forward the same synthetic load as our bridge, in a child process:
 *
 *   node --import tsx test/load/bareSfu.ts <plan.json> <workers>
 *
 * One router per worker with a WebRtcServer each, every producer piped to every
 * router, each room on the least-loaded router. It speaks just enough of the kiosk
 * protocol for the generator's rooms (a room's token is its site code), and sends
 * each room exactly the streams the plan lists, the streams our bridge sent it in
 * the same run: no conference, no policy, no store, no authentication.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { types } from 'mediasoup';
import { Server, type Socket } from 'socket.io';
import type { NewConsumer, Result, TransportOptions } from '@diemcau/shared';
import { mediaCodecs } from '../../server/src/media/codecs';
import { mediasoup } from '../../server/src/media/mediasoupRuntime';
import { bridgeMessages, WorkerCensus, type BridgeReady } from './bridgeCensus';

interface PlannedRoom {
  siteCode: string;
  video: Array<{ siteCode: string; layer: number }>;
  audio: string[];
}

interface BarePeer {
  plan: PlannedRoom;
  socket: Socket;
  router: types.Router;
  recv?: types.WebRtcTransport;
  send?: types.WebRtcTransport;
  capabilities?: types.RtpCapabilities;
  consumers: Map<string, types.Consumer>;
}

const [planFile, workerCount] = [process.argv[2]!, Number(process.argv[3])];
const plan = JSON.parse(fs.readFileSync(planFile, 'utf8')) as PlannedRoom[];
const census = new WorkerCensus(mediasoup.observer);
const routers: Array<{ router: types.Router; server: types.WebRtcServer; peers: number }> = [];
for (let index = 0; index < workerCount; index++) {
  const worker = await mediasoup.createWorker({ logLevel: 'error' });
  const server = await worker.createWebRtcServer({
    listenInfos: [
      { protocol: 'udp', ip: '127.0.0.1' },
      { protocol: 'tcp', ip: '127.0.0.1' },
    ],
  });
  routers.push({ router: await worker.createRouter({ mediaCodecs }), server, peers: 0 });
}
const peers = new Map<string, BarePeer>();
/** Producers by site and kind, with the routers each is piped to (or being piped to). */
const producers = new Map<string, { producer: types.Producer; routers: Map<types.Router, Promise<unknown>>; home: types.Router }>();
const key = (siteCode: string, kind: string) => `${siteCode}/${kind}`;

async function consume(receiver: BarePeer, siteCode: string, kind: 'audio' | 'video'): Promise<NewConsumer | undefined> {
  const source = producers.get(key(siteCode, kind));
  if (!source || !receiver.recv || !receiver.capabilities) return undefined;
  if (!source.routers.has(receiver.router))
    source.routers.set(receiver.router, source.home.pipeToRouter({ producerId: source.producer.id, router: receiver.router }));
  await source.routers.get(receiver.router);
  const layer = receiver.plan.video.find((pane) => pane.siteCode === siteCode)?.layer;
  const consumer = await receiver.recv.consume({
    producerId: source.producer.id,
    rtpCapabilities: receiver.capabilities,
    paused: true,
    ...(layer !== undefined && { preferredLayers: { spatialLayer: layer, temporalLayer: 2 } }),
  });
  receiver.consumers.set(consumer.id, consumer);
  return {
    consumerId: consumer.id,
    producerId: source.producer.id,
    kind,
    rtpParameters: consumer.rtpParameters,
    siteCode,
    source: kind === 'audio' ? 'microphone' : 'camera',
  };
}

const wants = (receiver: BarePeer, siteCode: string, kind: string) =>
  kind === 'audio' ? receiver.plan.audio.includes(siteCode) : receiver.plan.video.some((pane) => pane.siteCode === siteCode);

function transportOptions(transport: types.WebRtcTransport): TransportOptions {
  return { id: transport.id, iceParameters: transport.iceParameters, iceCandidates: transport.iceCandidates, dtlsParameters: transport.dtlsParameters };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the bare floor takes payloads on trust, as mediasoup-demo does
function answer<T>(socket: Socket, name: string, handler: (payload: any) => Promise<T>): void {
  socket.on(name, (payload: unknown, ack: (result: Result<T>) => void) => {
    handler(payload).then(
      (data) => ack({ ok: true, data }),
      (error: Error) => ack({ ok: false, error: { code: 'media-error', message: error.message } }),
    );
  });
}

function accept(socket: Socket): void {
  const siteCode = String((socket.handshake.auth as { token?: string }).token);
  const planned = plan.find((room) => room.siteCode === siteCode);
  if (!planned) return void socket.disconnect(true);
  const home = routers.reduce((least, candidate) => (candidate.peers < least.peers ? candidate : least));
  home.peers++;
  const peer: BarePeer = { plan: planned, socket, router: home.router, consumers: new Map() };
  peers.set(siteCode, peer);
  const transport = () =>
    peer.router.createWebRtcTransport({
      webRtcServer: home.server,
      enableUdp: true,
      enableTcp: true,
      preferUdp: true,
      initialAvailableOutgoingBitrate: 1_000_000,
    });
  answer(socket, 'media:join', async ({ rtpCapabilities }: { rtpCapabilities: types.RtpCapabilities }) => {
    peer.capabilities = rtpCapabilities;
    [peer.recv, peer.send] = await Promise.all([transport(), transport()]);
    const offered = await Promise.all(
      [...producers.values()]
        .filter(({ producer }) => wants(peer, producer.appData.siteCode as string, producer.kind))
        .map(({ producer }) => consume(peer, producer.appData.siteCode as string, producer.kind)),
    );
    return { recv: transportOptions(peer.recv), send: transportOptions(peer.send), consumers: offered.filter((consumer) => consumer !== undefined) };
  });
  answer(socket, 'media:connectTransport', async ({ transportId, dtlsParameters }) => {
    await [peer.recv, peer.send].find((candidate) => candidate?.id === transportId)!.connect({ dtlsParameters });
    return {};
  });
  answer(socket, 'media:resumeConsumers', async ({ consumerIds }: { consumerIds: string[] }) => {
    await Promise.all(consumerIds.map(async (id) => peer.consumers.get(id)?.resume()));
    return {};
  });
  answer(socket, 'media:produce', async ({ kind, rtpParameters }) => {
    const producer = await peer.send!.produce({ kind, rtpParameters, appData: { siteCode } });
    producers.set(key(siteCode, kind), { producer, routers: new Map([[peer.router, Promise.resolve()]]), home: peer.router });
    for (const other of peers.values()) {
      if (other === peer || !wants(other, siteCode, kind)) continue;
      void consume(other, siteCode, kind)
        .then(async (offer) => {
          if (!offer) return;
          const result = (await other.socket.timeout(10_000).emitWithAck('media:newConsumer', offer)) as Result<unknown>;
          if (result.ok) await other.consumers.get(offer.consumerId)?.resume();
        })
        .catch((error: Error) => process.stderr.write(`bare SFU: no ${kind} of ${siteCode} for ${other.plan.siteCode}: ${error.message}\n`));
    }
    return { producerId: producer.id };
  });
  socket.emit('session:state', { phase: 'live', site: { code: siteCode } });
}

const httpServer = http.createServer();
const io = new Server(httpServer, { serveClient: false });
io.of('/kiosk').on('connection', accept);
await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
const ready: BridgeReady = {
  type: 'ready',
  url: `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`,
  rooms: plan.map((room) => ({ siteCode: room.siteCode, token: room.siteCode })),
  workerPids: census.workerPids,
};
process.send!(ready);
bridgeMessages(census, async () => {
  await io.close();
  for (const { router } of routers) router.close();
});
