import { EventEmitter } from 'node:events';
import type { ConferenceSnapshot, SiteSummary } from '@diemcau/shared';
import type { Room } from '../media/Room';
import type { MeetingRepository } from '../meetings/MeetingRepository';
import { summaryOf } from '../sites/SiteDirectory';
import { Conference, type ConferenceChange, type ConferenceOptions } from './Conference';

/**
 * The chair console joins a meeting's room as this pseudo-site: it watches, and may present. It is no site
 * of the meeting, so it has no name of its own: the screens name it by its code (`chair.presenter.console`).
 */
export const CONSOLE_SITE: SiteSummary = { code: 'console', name: 'console', kind: 'chair' };

/**
 * One conference per live meeting, bound to the meeting's media room: every
 * change of the conference is applied to the room at once (what each peer
 * receives, what is paused at the SFU), and what happens in the room (who is
 * online, who speaks, who shares) flows back into the conference.
 */
export class Conferences extends EventEmitter<{ opened: [Conference]; ended: [meetingId: string] }> {
  private readonly byMeeting = new Map<string, Promise<Conference>>();
  private readonly boundRooms = new WeakSet<Room>();

  constructor(
    private readonly meetings: MeetingRepository,
    private readonly options: ConferenceOptions,
    private readonly now: () => number = Date.now,
    /** Where the chair's decisions are kept across restarts; a conference opens with what it finds there. */
    private readonly kept?: { load(meetingId: string): Promise<ConferenceSnapshot | undefined> },
  ) {
    super();
  }

  forMeeting(meetingId: string): Promise<Conference> {
    let conference = this.byMeeting.get(meetingId);
    if (!conference) {
      conference = this.meetings.sitesOf(meetingId).then(async (sites) => {
        const opened = new Conference(meetingId, sites.map(summaryOf), this.now, this.options);
        const snapshot = await this.kept?.load(meetingId);
        if (snapshot) opened.restore(snapshot);
        this.emit('opened', opened);
        return opened;
      });
      this.byMeeting.set(meetingId, conference);
      conference.catch(() => this.byMeeting.delete(meetingId));
    }
    return conference;
  }

  /** The meeting ended: its conference state is dropped with it. */
  end(meetingId: string): void {
    // A conference that never opened has nothing running to stop.
    this.byMeeting
      .get(meetingId)
      ?.then((conference) => conference.close())
      .catch(() => undefined);
    this.byMeeting.delete(meetingId);
    this.emit('ended', meetingId);
  }

  /**
   * Binds a room to its conference once: the conference becomes the room's policy (what is held off,
   * what each peer receives), and what happens in the room flows back into the conference.
   */
  bind(room: Room, conference: Conference): void {
    if (this.boundRooms.has(room)) return;
    this.boundRooms.add(room);
    // Only the peers whose streams changed are reconciled: a caption or a mute elsewhere touches nobody's consumers.
    const refresh = ({ receivers, console }: ConferenceChange) => room.refresh((peer) => (peer.role === 'console' ? console : receivers.has(peer.site.code)));
    room.setPolicy(conference);
    conference.on('changed', refresh);
    room.on('peersChanged', () => conference.setOnline(room.onlineSiteCodes()));
    room.on('producersChanged', () => {
      conference.setSharing(room.screenSharer());
      conference.setMicrophones(room.liveMicrophones());
    });
    room.on('dominantSpeaker', (siteCode) => conference.dominantSpeaker(siteCode));
    room.on('audioLevels', (levels) => conference.hearLevels(levels));
    room.once('close', () => {
      conference.off('changed', refresh);
      conference.setOnline(new Set());
      conference.setSharing(null);
      conference.setMicrophones(new Set());
    });
    conference.setOnline(room.onlineSiteCodes());
  }
}
