import type { AlarmEvent, ErrorCode, MonitorSample } from '@diemcau/shared';
import { keepConnected } from '../../media/reconnect';
import { connectSignaling, type SignalingSocket } from '../../media/signaling';

export type FeedConnection = 'connecting' | 'live' | 'reconnecting' | { refused: ErrorCode | 'network' };

export interface FeedView {
  connection: FeedConnection;
  sample: MonitorSample | undefined;
  /** Newest first. */
  timeline: AlarmEvent[];
}

const TIMELINE_LENGTH = 200;
/** Longer than the bridge's sampling interval: by then the replay on connection is surely over. */
const REPLAY_WINDOW_MS = 5_000;

const alarmKey = (alarm: Pick<AlarmEvent, 'meetingId' | 'siteCode' | 'code'>) => `${alarm.meetingId}/${alarm.siteCode}/${alarm.code}`;

/** The alarms raised and not yet cleared, from a timeline (newest first). */
export function activeAlarms(timeline: readonly AlarmEvent[]): AlarmEvent[] {
  const latest = new Map<string, AlarmEvent>();
  for (const event of timeline) if (!latest.has(alarmKey(event))) latest.set(alarmKey(event), event);
  return [...latest.values()].filter((event) => event.raised);
}

/**
 * The `/monitor` feed for the bridge technicians (Art. 7.1.a, 13): a sample of every live
 * meeting's sites every few seconds, and alarms as they are raised and cleared. On connection the
 * bridge replays its timeline; `onNewAlarm` hears only alarms raised after that.
 */
export class MonitorFeed {
  private socket: SignalingSocket | undefined;
  private readonly listeners = new Set<() => void>();
  private replayingUntil = 0;
  view: FeedView = { connection: 'connecting', sample: undefined, timeline: [] };

  constructor(
    private readonly accessToken: () => string,
    private readonly renewAccess: () => Promise<unknown>,
    private readonly onNewAlarm: (alarm: AlarmEvent) => void,
  ) {}

  start(): void {
    const socket = connectSignaling('/monitor', () => ({ token: this.accessToken() }));
    this.socket = socket;
    socket.on('connect', () => {
      this.replayingUntil = Date.now() + REPLAY_WINDOW_MS;
      // The replayed timeline comes again in full.
      this.update({ connection: 'live', timeline: [] });
    });
    socket.on('monitor:sample', (sample) => {
      // The replay is sent before the latest sample; alarms after it are new.
      this.replayingUntil = 0;
      this.update({ sample });
    });
    socket.on('monitor:alarm', (alarm) => {
      this.update({ timeline: [alarm, ...this.view.timeline].slice(0, TIMELINE_LENGTH) });
      if (alarm.raised && Date.now() >= this.replayingUntil) this.onNewAlarm(alarm);
    });
    socket.on('disconnect', () => this.update({ connection: 'reconnecting' }));
    keepConnected(socket, {
      onReconnecting: () => this.update({ connection: 'reconnecting' }),
      onRefused: (code) => this.update({ connection: { refused: code } }),
      renewAccess: this.renewAccess,
    });
  }

  close(): void {
    this.socket?.close();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private update(change: Partial<FeedView>): void {
    this.view = { ...this.view, ...change };
    for (const listener of this.listeners) listener();
  }
}
