import { EventEmitter } from 'node:events';
import type { types } from 'mediasoup';
import type { Logger } from '../logger';
import type { RoomRouter } from './RoomRouter';

export interface SpeechEvents {
  dominantSpeaker: [siteCode: string];
  /** Audio level per speaking site, 0..1, a few times a second. */
  audioLevels: [levels: Map<string, number>];
}

/** A room's microphone to observe: the router it is sent on, and whose it is. */
export interface ObservedMicrophone {
  producerId: string;
  siteCode: string;
  router: RoomRouter;
}

/**
 * Voice activation and audio levels for a whole room. mediasoup observes one
 * router, so every kiosk microphone is piped to the router the observers sit on:
 * one dominant speaker for the meeting, whichever worker a room is on. Muted
 * microphones are paused at their source and cost the pipe nothing.
 */
export class SpeechObserver extends EventEmitter<SpeechEvents> {
  private readonly sites = new Map<string, string>();

  private constructor(
    readonly home: RoomRouter,
    private readonly activeSpeaker: types.ActiveSpeakerObserver,
    private readonly levels: types.AudioLevelObserver,
    private readonly logger: Logger,
  ) {
    super();
    activeSpeaker.on('dominantspeaker', ({ producer }) => {
      const site = this.sites.get(producer.id);
      if (site) this.emit('dominantSpeaker', site);
    });
    levels.on('volumes', (volumes) => {
      const bySite = new Map<string, number>();
      for (const { producer, volume } of volumes) {
        const site = this.sites.get(producer.id);
        // dBov from -70 (the silence threshold) to 0 (full scale), as 0..1 for meters.
        if (site) bySite.set(site, Math.max(0, Math.min(1, (volume + 70) / 70)));
      }
      this.emit('audioLevels', bySite);
    });
    levels.on('silence', () => this.emit('audioLevels', new Map()));
  }

  static async open(home: RoomRouter, logger: Logger): Promise<SpeechObserver> {
    const activeSpeaker = await home.router.createActiveSpeakerObserver({ interval: 300 });
    const levels = await home.router.createAudioLevelObserver({ maxEntries: 100, threshold: -70, interval: 250 });
    return new SpeechObserver(home, activeSpeaker, levels, logger);
  }

  get closed(): boolean {
    return this.home.closed;
  }

  forget(producerId: string): void {
    this.sites.delete(producerId);
  }

  async observe(microphone: ObservedMicrophone): Promise<void> {
    if (this.closed) return;
    try {
      await this.home.pipeFrom(microphone.router, microphone.producerId);
      this.sites.set(microphone.producerId, microphone.siteCode);
      await this.activeSpeaker.addProducer({ producerId: microphone.producerId });
      await this.levels.addProducer({ producerId: microphone.producerId });
    } catch (error) {
      // A microphone that closed meanwhile, or a worker that died: nothing to observe.
      this.sites.delete(microphone.producerId);
      this.logger.debug({ err: error, site: microphone.siteCode }, 'microphone not observed');
    }
  }
}
