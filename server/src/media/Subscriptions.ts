import type { types } from 'mediasoup';
import type { MediaSource, NewConsumer } from '@diemcau/shared';
import { DomainError } from '../errors';
import type { Logger } from '../logger';
import type { Peer } from './Peer';
import { planSubscriptions, type Layers, type Subscription, type SubscriptionStep, type Wants } from './subscriptionPlan';

/** What the room offers a peer's subscriptions: what it should receive, and the streams being sent. */
export interface SubscriptionSource {
  wantsOf(peer: Peer): Wants;
  streamKeys(): ReadonlySet<string>;
  /** Makes the stream consumable on the peer's router; undefined once it is gone. */
  prepare(peer: Peer, key: string): Promise<{ producerId: string; siteCode: string; source: MediaSource } | undefined>;
}

export interface ConsumerEntry {
  consumer: types.Consumer;
  key: string;
  siteCode: string;
  source: MediaSource;
  /** The layers asked of a video consumer; null for audio. */
  layers: Layers | null;
  /** When it was paused for being no longer wanted; null while wanted. */
  pausedAt: number | null;
  /** Sent to the peer but not yet set up on its side: the room resumes it once the peer says so. */
  awaitingPeer: boolean;
  /** When the peer last asked for a keyframe of it. */
  keyFrameAskedAt: number;
}

/** How long an unwanted consumer stays paused before it is closed. */
export const LINGER_MS = 10_000;

/** A peer's keyframe requests for one consumer beyond one a second are ignored: each costs its sender a large frame. */
export const KEYFRAME_REQUEST_INTERVAL_MS = 1_000;

/**
 * One peer's subscription manager. It compares what the peer should receive
 * (from the conference, through the room) with the consumers it has, and
 * creates, re-layers, pauses or closes only the difference. Passes run one at a
 * time per peer, so a join racing a layout change can never consume one stream
 * twice; changes that arrive during a pass are folded into the next one.
 */
export class Subscriptions {
  private readonly entries = new Map<string, ConsumerEntry>();
  private tail: Promise<unknown> = Promise.resolve();
  private scheduled = false;
  private recheck: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  private peer: Peer | undefined;

  constructor(
    private readonly source: SubscriptionSource,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Binds to its peer; the two are made together. */
  attach(peer: Peer): void {
    this.peer = peer;
  }

  /** The consumers the peer has, by consumer id. */
  consumers(): ConsumerEntry[] {
    return [...this.entries.values()];
  }

  /** Something the peer should receive may have changed: reconcile soon, once. */
  update(): void {
    if (this.scheduled || this.closed) return;
    this.scheduled = true;
    this.enqueue(() => {
      this.scheduled = false;
      return this.pass('offer');
    }).catch((error: unknown) => this.logger.warn({ err: error, code: 'subscription-failed' }, 'could not update what a peer receives'));
  }

  /**
   * The first pass after the peer joined: the consumers are created paused and
   * returned, to travel in the join's answer rather than one offer each.
   */
  start(): Promise<NewConsumer[]> {
    return this.enqueue(() => this.pass('collect'));
  }

  /** The peer has set up consumers it got in its join: they start flowing, if still wanted. */
  async resumeJoined(consumerIds: readonly string[]): Promise<void> {
    const work: Promise<void>[] = [];
    for (const entry of this.entries.values()) {
      if (!consumerIds.includes(entry.consumer.id) || !entry.awaitingPeer) continue;
      entry.awaitingPeer = false;
      if (entry.pausedAt === null) work.push(this.resume(entry));
    }
    await Promise.all(work);
  }

  /**
   * The peer's browser has this consumer's picture stuck. Its sender is asked for a keyframe, unless the
   * peer asked within KEYFRAME_REQUEST_INTERVAL_MS; returns whether it was asked.
   */
  async requestKeyFrame(consumerId: string): Promise<boolean> {
    const entry = [...this.entries.values()].find((candidate) => candidate.consumer.id === consumerId);
    if (!entry) throw new DomainError('not-found', 'unknown consumer');
    if (entry.consumer.kind !== 'video') throw new DomainError('invalid-request', 'only a video has keyframes', { fields: { consumerId: 'not a video' } });
    const now = this.now();
    if (entry.pausedAt !== null || entry.consumer.closed || now - entry.keyFrameAskedAt < KEYFRAME_REQUEST_INTERVAL_MS) return false;
    entry.keyFrameAskedAt = now;
    await entry.consumer.requestKeyFrame();
    return true;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.recheck);
    this.entries.clear();
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.catch(() => undefined);
    return result;
  }

  private async pass(mode: 'offer' | 'collect'): Promise<NewConsumer[]> {
    const peer = this.peer;
    if (this.closed || !peer || !peer.rtpCapabilities || !peer.transports.has('recv')) return [];
    const actual = new Map<string, Subscription>();
    for (const entry of this.entries.values()) {
      actual.set(entry.key, { paused: entry.pausedAt !== null, layers: entry.layers, pausedAt: entry.pausedAt });
    }
    const plan = planSubscriptions({ wants: this.source.wantsOf(peer), available: this.source.streamKeys(), actual, now: this.now(), lingerMs: LINGER_MS });
    // Each step is for another stream: they go to the worker together rather than a round trip each.
    const done = await Promise.all(
      plan.steps.map(async (step) => {
        try {
          return step.action === 'create' ? await this.create(peer, step.key, step.layers) : await this.apply(step);
        } catch (error) {
          this.logger.warn({ err: error, key: step.key, action: step.action, code: 'subscription-step-failed' }, 'a subscription step failed');
          return undefined;
        }
      }),
    );
    if (this.closed) return [];
    const created = done.filter((entry) => entry !== undefined);
    this.scheduleRecheck(plan.recheckAt);
    const offers = created.map((entry) => this.describe(entry));
    if (mode === 'collect') return offers;
    // Offered together, so the peer's browser takes them in one renegotiation.
    await Promise.all(
      created.map(async (entry, index) => {
        try {
          await peer.channel.offerConsumer(offers[index]!);
          entry.awaitingPeer = false;
          if (entry.pausedAt === null) await this.resume(entry);
        } catch (error) {
          this.logger.warn({ err: error, key: entry.key, code: 'offer-refused' }, 'the peer did not take a stream; it is offered again on the next change');
          this.drop(entry);
        }
      }),
    );
    return [];
  }

  private async apply(step: Exclude<SubscriptionStep, { action: 'create' }>): Promise<undefined> {
    const entry = this.entries.get(step.key);
    if (!entry) return undefined;
    if (step.action === 'close') {
      this.drop(entry);
    } else if (step.action === 'pause') {
      entry.pausedAt = this.now();
      await entry.consumer.pause();
    } else if (step.action === 'relayer') {
      entry.layers = step.layers;
      await entry.consumer.setPreferredLayers(step.layers);
    } else {
      entry.pausedAt = null;
      if (step.layers !== null) {
        entry.layers = step.layers;
        await entry.consumer.setPreferredLayers(step.layers);
      }
      if (!entry.awaitingPeer) await this.resume(entry);
    }
    return undefined;
  }

  private async create(peer: Peer, key: string, layers: Layers | null): Promise<ConsumerEntry | undefined> {
    const transport = peer.transports.get('recv');
    const stream = await this.source.prepare(peer, key);
    if (!transport || !stream || this.closed) return undefined;
    const capabilities = peer.rtpCapabilities as types.RtpCapabilities;
    if (!peer.router.router.canConsume({ producerId: stream.producerId, rtpCapabilities: capabilities })) {
      this.logger.warn({ key, code: 'codec-unsupported' }, 'peer cannot receive this codec');
      return undefined;
    }
    // Paused until the peer has the consumer set up, so no keyframe is lost on the way.
    const consumer = await transport.consume({
      producerId: stream.producerId,
      rtpCapabilities: capabilities,
      paused: true,
      ...(layers && { preferredLayers: layers }),
    });
    const entry: ConsumerEntry = {
      consumer,
      key,
      siteCode: stream.siteCode,
      source: stream.source,
      layers,
      pausedAt: null,
      awaitingPeer: true,
      keyFrameAskedAt: -Infinity,
    };
    this.entries.set(key, entry);
    consumer.observer.once('close', () => {
      if (this.entries.get(key) !== entry) return;
      // The sender stopped, or its worker died: the peer drops it, and it is created again if it comes back.
      this.entries.delete(key);
      if (!this.closed) peer.channel.consumerClosed(consumer.id);
    });
    return entry;
  }

  private async resume(entry: ConsumerEntry): Promise<void> {
    if (entry.consumer.closed) return;
    try {
      await entry.consumer.resume();
      // The first picture needs a keyframe; asking now saves waiting for the sender's next one.
      if (entry.consumer.kind === 'video') await entry.consumer.requestKeyFrame();
    } catch (error) {
      // Its sender left while the request was on its way: the worker closed it first, and the peer is told it
      // closed. The worker's notice of that may come after its refusal, so the room's own streams decide.
      if (!entry.consumer.closed && this.source.streamKeys().has(entry.key)) throw error;
    }
  }

  private drop(entry: ConsumerEntry): void {
    if (this.entries.get(entry.key) !== entry) return;
    this.entries.delete(entry.key);
    entry.consumer.close();
    if (!this.closed) this.peer?.channel.consumerClosed(entry.consumer.id);
  }

  private describe(entry: ConsumerEntry): NewConsumer {
    return {
      consumerId: entry.consumer.id,
      producerId: entry.consumer.producerId,
      kind: entry.consumer.kind,
      rtpParameters: entry.consumer.rtpParameters,
      siteCode: entry.siteCode,
      source: entry.source,
    };
  }

  private scheduleRecheck(at: number | null): void {
    clearTimeout(this.recheck);
    if (at === null || this.closed) return;
    this.recheck = setTimeout(() => this.update(), Math.max(0, at - this.now()) + 10);
    this.recheck.unref();
  }
}
