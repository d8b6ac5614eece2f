import type { types } from 'mediasoup-client';
import { MediaSession } from './MediaSession';
import { request } from './signaling';

export interface LoopedTracks {
  video: MediaStreamTrack;
  audio: MediaStreamTrack | undefined;
}

/** The browser's own statistics of both directions, as WebRTC reports them. */
export interface PathStats {
  sent: RTCStatsReport;
  received: RTCStatsReport;
}

function connected(transport: types.Transport, timeoutMs: number): Promise<boolean> {
  if (transport.connectionState === 'connected') return Promise.resolve(true);
  return new Promise((resolve) => {
    const finish = (result: boolean) => {
      clearTimeout(timer);
      transport.off('connectionstatechange', onState);
      resolve(result);
    };
    const onState = (state: types.ConnectionState) => {
      if (state === 'connected') finish(true);
      else if (state === 'failed' || state === 'closed') finish(false);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    transport.on('connectionstatechange', onState);
  });
}

/**
 * The media session of a connection check, over the `/check` namespace: the bridge gives it a room of
 * its own and sends its producers straight back. Its path (MediaPath) forces one protocol and relay
 * policy at a time. A class of its own so the kiosk's build does not carry it.
 */
export class CheckSession extends MediaSession {
  /** Whether a sending transport on this session's path gets connected while it sends the track. */
  async probe(track: MediaStreamTrack, timeoutMs: number): Promise<boolean> {
    const options = await request(this.socket, 'media:createTransport', { direction: 'send', protocols: this.path.protocols });
    const transport = this.createTransport('send', options);
    try {
      const done = connected(transport, timeoutMs);
      await transport.produce({ track, stopTracks: false, appData: { source: track.kind === 'video' ? 'camera' : 'microphone' } });
      return await done;
    } catch {
      return false;
    } finally {
      transport.close();
    }
  }

  /**
   * Sends a test picture in one layer of at most `maxKbps`, starting at `startKbps` so it shows at once
   * whether the line carries that, and the microphone. Call it once joined with sending.
   */
  async sendTestPicture(tracks: LoopedTracks, maxKbps: number, startKbps: number): Promise<void> {
    const transport = this.sendTransport;
    if (!transport) throw new Error('not sending');
    this.keep(
      'camera',
      await transport.produce({
        track: tracks.video,
        codec: this.vp8(),
        encodings: [{ maxBitrate: maxKbps * 1000 }],
        codecOptions: { videoGoogleStartBitrate: startKbps },
        stopTracks: false,
        appData: { source: 'camera' },
      }),
    );
    if (!tracks.audio) return;
    this.keep(
      'microphone',
      await transport.produce({
        track: tracks.audio,
        codecOptions: { opusStereo: false, opusFec: true },
        stopTracks: false,
        appData: { source: 'microphone' },
      }),
    );
  }

  /** The picture the bridge sends back, once it comes; undefined when it has not within the time. */
  returnedPicture(timeoutMs: number): Promise<MediaStreamTrack | undefined> {
    const picture = () => this.remoteStreams.find((remote) => remote.kind === 'video')?.track;
    return new Promise((resolve) => {
      const finish = (track: MediaStreamTrack | undefined) => {
        clearTimeout(timer);
        stopListening();
        resolve(track);
      };
      const timer = setTimeout(() => finish(undefined), timeoutMs);
      const stopListening = this.onChange(() => {
        const track = picture();
        if (track) finish(track);
      });
      const track = picture();
      if (track) finish(track);
    });
  }

  /** Whether both transports are connected, waiting up to the time for each. */
  async bothConnected(timeoutMs: number): Promise<boolean> {
    const { sendTransport, recvTransport } = this;
    if (!sendTransport || !recvTransport) return false;
    const states = await Promise.all([connected(sendTransport, timeoutMs), connected(recvTransport, timeoutMs)]);
    return states.every(Boolean);
  }

  async pathStats(): Promise<PathStats> {
    if (!this.sendTransport || !this.recvTransport) throw new Error('not joined');
    const [sent, received] = await Promise.all([this.sendTransport.getStats(), this.recvTransport.getStats()]);
    return { sent, received };
  }
}
