import { Device, types } from 'mediasoup-client';
import type { BareConsumer, BareJoinAnswer, BareMessage, BareRequest } from './protocol';

/*
 * The floor of the join benchmark: mediasoup-client alone, doing what a kiosk does to join (receive every
 * site's camera and microphone, then send its own) with every independent step started at once. It sets the
 * same performance marks as the kiosk (client/src/kiosk/KioskController.ts, client/src/media/MediaSession.ts).
 */

const CAMERA_ENCODINGS: types.RtpEncodingParameters[] = [
  { rid: 'r0', scaleResolutionDownBy: 4, maxBitrate: 150_000 },
  { rid: 'r1', scaleResolutionDownBy: 2, maxBitrate: 500_000 },
  { rid: 'r2', scaleResolutionDownBy: 1, maxBitrate: 1_500_000 },
];

performance.mark('join:socket-created');
const socket = new WebSocket(`ws://${location.host}/`);
performance.mark('join:getUserMedia-called');
const local = navigator.mediaDevices
  .getUserMedia({
    video: { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 25 } },
    audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
  })
  .then((stream) => {
    performance.mark('join:getUserMedia-returned');
    return stream;
  });

const device = new Device();
let recvTransport: types.Transport | undefined;
const pending = new Map<number, { resolve: (data: unknown) => void; reject: (error: Error) => void }>();
let nextId = 0;

function request<T>(method: BareRequest['method'], data: BareRequest['data']): Promise<T> {
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (data: unknown) => void, reject });
    socket.send(JSON.stringify({ id, method, data }));
  });
}

socket.addEventListener('open', () => performance.mark('join:socket-open'));
socket.addEventListener('message', (event: MessageEvent<string>) => {
  const message = JSON.parse(event.data) as BareMessage;
  if (message.type === 'response') {
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (message.error) waiter?.reject(new Error(message.error));
    else waiter?.resolve(message.data);
  } else if (message.type === 'capabilities') {
    performance.mark('join:capabilities');
    join(message.data as types.RtpCapabilities).catch((error: unknown) => console.error('bare join failed', error));
  } else {
    receive([message.data]).catch((error: unknown) => console.error('bare consume failed', error));
  }
});

function wire(transport: types.Transport): types.Transport {
  transport.on('connect', ({ dtlsParameters }, callback, errback) => {
    request('connect', { transportId: transport.id, dtlsParameters }).then(() => callback(), errback);
  });
  transport.on('produce', ({ kind, rtpParameters }, callback, errback) => {
    request<{ id: string }>('produce', { transportId: transport.id, kind, rtpParameters }).then(callback, errback);
  });
  return transport;
}

async function join(capabilities: types.RtpCapabilities): Promise<void> {
  await device.load({ routerRtpCapabilities: capabilities });
  performance.mark('join:device-loaded');
  performance.mark('join:requested');
  const answer = await request<BareJoinAnswer>('join', { rtpCapabilities: device.recvRtpCapabilities });
  performance.mark('join:answered');
  const recv = wire(device.createRecvTransport(answer.recv as types.TransportOptions));
  recv.on('connectionstatechange', (state) => {
    if (state === 'connected') performance.mark('join:recv-connected');
  });
  recvTransport = recv;
  const send = wire(device.createSendTransport(answer.send as types.TransportOptions));
  await receive(answer.consumers);
  const stream = await local;
  const [video] = stream.getVideoTracks();
  const [audio] = stream.getAudioTracks();
  await Promise.all([
    video && send.produce({ track: video, encodings: CAMERA_ENCODINGS, stopTracks: false }),
    audio && send.produce({ track: audio, codecOptions: { opusStereo: false, opusDtx: true, opusFec: true }, stopTracks: false }),
  ]);
}

/** Consumes what the bridge offers, shows it as the kiosk does (a playing element per track), and resumes it. */
async function receive(offers: BareConsumer[]): Promise<void> {
  const transport = recvTransport;
  if (!transport || offers.length === 0) return;
  const consumers = await Promise.all(
    offers.map((offer) =>
      transport.consume({
        id: offer.consumerId,
        producerId: offer.producerId,
        kind: offer.kind,
        rtpParameters: offer.rtpParameters as types.RtpParameters,
      }),
    ),
  );
  for (const consumer of consumers) {
    const element = document.createElement(consumer.kind);
    element.autoplay = true;
    element.muted = consumer.kind === 'video';
    element.srcObject = new MediaStream([consumer.track]);
    document.getElementById('media')!.append(element);
  }
  await request('resume', { consumerIds: consumers.map((consumer) => consumer.id) });
}
