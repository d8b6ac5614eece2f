import type { Logger } from '../logger';
import type { MeetingStatus } from '@diemcau/shared';

export interface MeetingLifecycleDeps {
  /** The register's changes: a meeting started, ended, was cancelled or moved. */
  register: { on(event: 'changed', listener: (changes: ReadonlyArray<{ meeting: { id: string; status: MeetingStatus } }>) => void): unknown };
  bridge: { closeRoom(meetingId: string, reason: string): void };
  conferences: { end(meetingId: string): void };
  /** Every kiosk re-reads what it should be doing (wait, or follow the live meeting). */
  kiosks: { refreshAll(): Promise<void> };
  logger: Logger;
}

/**
 * What a live meeting holds on the bridge ends with it: a meeting that is no longer live closes its media
 * room and its conference, and the kiosks are told what to do next. One module owns this rule, as LiveKit's
 * RoomManager owns the opening and closing of rooms; the register only says what changed.
 */
export function followMeetingLifecycle({ register, bridge, conferences, kiosks, logger }: MeetingLifecycleDeps): void {
  register.on('changed', (changes) => {
    for (const { meeting } of changes) {
      if (meeting.status === 'live') continue;
      bridge.closeRoom(meeting.id, 'meeting-ended');
      conferences.end(meeting.id);
    }
    kiosks.refreshAll().catch((error: unknown) => logger.error({ err: error }, 'could not tell the kiosks of a meeting change'));
  });
}
