import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { types } from 'mediasoup';
import { build } from 'vite';
import { WebSocketServer, type WebSocket } from 'ws';
import { mediaCodecs } from '../../../server/src/media/codecs';
import { mediasoup } from '../../../server/src/media/mediasoupRuntime';
import type { BareConsumer, BareMessage, BareRequest, BareTransport } from './protocol';

/*
 * A bare mediasoup router on the bridge's own worker binary and codecs, with the least signaling that can
 * join a page to it: the floor the kiosk's join is measured against (`npm run bench -- join`).
 */

const here = path.dirname(fileURLToPath(import.meta.url));

interface BarePeer {
  socket: WebSocket;
  transports: Map<string, types.WebRtcTransport>;
  producers: types.Producer[];
  consumers: Map<string, types.Consumer>;
  rtpCapabilities: types.RtpCapabilities | undefined;
  recv: types.WebRtcTransport | undefined;
}

export interface BareBridge {
  url: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

/** Builds the bare page (test/bench/bare/page.ts) into a temporary folder, as vite builds the kiosk. */
async function buildPage(): Promise<string> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'diemcau-bare-page-'));
  await build({ root: here, logLevel: 'warn', configFile: false, build: { outDir, emptyOutDir: true } });
  return outDir;
}

export async function startBareBridge(): Promise<BareBridge> {
  const pageDir = await buildPage();
  const worker = await mediasoup.createWorker({ logLevel: 'warn' });
  const router = await worker.createRouter({ mediaCodecs });
  const peers = new Set<BarePeer>();

  const transport = async (peer: BarePeer): Promise<BareTransport> => {
    const created = await router.createWebRtcTransport({
      listenIps: [{ ip: '127.0.0.1' }],
      enableUdp: true,
      enableTcp: true,
      preferUdp: true,
      initialAvailableOutgoingBitrate: 1_000_000,
    });
    peer.transports.set(created.id, created);
    return { id: created.id, iceParameters: created.iceParameters, iceCandidates: created.iceCandidates, dtlsParameters: created.dtlsParameters };
  };

  const consume = async (peer: BarePeer, producer: types.Producer): Promise<BareConsumer | undefined> => {
    if (!peer.recv || !peer.rtpCapabilities || !router.canConsume({ producerId: producer.id, rtpCapabilities: peer.rtpCapabilities })) return undefined;
    const consumer = await peer.recv.consume({ producerId: producer.id, rtpCapabilities: peer.rtpCapabilities, paused: true });
    peer.consumers.set(consumer.id, consumer);
    return { consumerId: consumer.id, producerId: producer.id, kind: consumer.kind, rtpParameters: consumer.rtpParameters };
  };

  const handle = async (peer: BarePeer, message: BareRequest): Promise<unknown> => {
    switch (message.method) {
      case 'join': {
        peer.rtpCapabilities = message.data.rtpCapabilities as types.RtpCapabilities;
        const [recv, send] = await Promise.all([transport(peer), transport(peer)]);
        peer.recv = peer.transports.get(recv.id);
        const others = [...peers].filter((other) => other !== peer).flatMap((other) => other.producers);
        const consumers = (await Promise.all(others.map((producer) => consume(peer, producer)))).filter((offer) => offer !== undefined);
        return { recv, send, consumers };
      }
      case 'connect':
        await peer.transports.get(message.data.transportId)?.connect({ dtlsParameters: message.data.dtlsParameters as types.DtlsParameters });
        return {};
      case 'produce': {
        const sendTransport = peer.transports.get(message.data.transportId);
        if (!sendTransport) throw new Error('unknown transport');
        const producer = await sendTransport.produce({ kind: message.data.kind, rtpParameters: message.data.rtpParameters as types.RtpParameters });
        peer.producers.push(producer);
        for (const other of peers) {
          if (other === peer) continue;
          const offer = await consume(other, producer);
          if (offer) send(other.socket, { type: 'newConsumer', data: offer });
        }
        return { id: producer.id };
      }
      case 'resume':
        await Promise.all(
          message.data.consumerIds.map(async (consumerId) => {
            const consumer = peer.consumers.get(consumerId);
            await consumer?.resume();
            if (consumer?.kind === 'video') await consumer.requestKeyFrame();
          }),
        );
        return {};
    }
  };

  const server = http.createServer((request, response) => {
    const name = request.url === '/' || request.url?.startsWith('/?') ? 'index.html' : path.normalize(request.url ?? '').replace(/^[/\\]+/, '');
    const file = path.join(pageDir, name);
    if (!file.startsWith(pageDir) || !fs.existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
    fs.createReadStream(file).pipe(response);
  });
  const sockets = new WebSocketServer({ server });
  sockets.on('connection', (socket) => {
    const peer: BarePeer = { socket, transports: new Map(), producers: [], consumers: new Map(), rtpCapabilities: undefined, recv: undefined };
    peers.add(peer);
    send(socket, { type: 'capabilities', data: router.rtpCapabilities });
    // Text frames only: ws hands them over as a Buffer.
    socket.on('message', (raw: Buffer) => {
      const message = JSON.parse(raw.toString()) as BareRequest;
      handle(peer, message).then(
        (data) => send(socket, { type: 'response', id: message.id, data }),
        (error: unknown) => send(socket, { type: 'response', id: message.id, error: error instanceof Error ? error.message : String(error) }),
      );
    });
    socket.on('close', () => {
      peers.delete(peer);
      for (const each of peer.transports.values()) each.close();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    async close() {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      await new Promise((resolve) => server.close(resolve));
      worker.close();
      fs.rmSync(pageDir, { recursive: true, force: true });
    },
  };
}

function send(socket: WebSocket, message: BareMessage): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}
