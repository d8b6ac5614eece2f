import { EventEmitter } from 'node:events';
import type { MeetingStatus } from '@diemcau/shared';
import { describe, expect, it } from 'vitest';
import { followMeetingLifecycle } from '../../../src/conference/MeetingLifecycle';
import { createLogger } from '../../../src/logger';

function lifecycle() {
  const register = new EventEmitter<{ changed: [Array<{ meeting: { id: string; status: MeetingStatus } }>] }>();
  const closedRooms: string[] = [];
  const endedConferences: string[] = [];
  let refreshes = 0;
  followMeetingLifecycle({
    register,
    bridge: { closeRoom: (meetingId, reason) => closedRooms.push(`${meetingId}:${reason}`) },
    conferences: { end: (meetingId) => endedConferences.push(meetingId) },
    kiosks: { refreshAll: async () => void refreshes++ },
    logger: createLogger('silent'),
  });
  return { register, closedRooms, endedConferences, refreshes: () => refreshes };
}

describe('the end of a live meeting: the bridge holds a room only while its meeting is live', () => {
  it('a meeting that ends closes its media room and its conference, and the kiosks are told once', () => {
    const { register, closedRooms, endedConferences, refreshes } = lifecycle();
    register.emit('changed', [{ meeting: { id: 'm-ended', status: 'ended' } }, { meeting: { id: 'm-cancelled', status: 'cancelled' } }]);
    expect(closedRooms).toEqual(['m-ended:meeting-ended', 'm-cancelled:meeting-ended']);
    expect(endedConferences).toEqual(['m-ended', 'm-cancelled']);
    expect(refreshes()).toBe(1);
  });

  it('a meeting that starts keeps its room; the kiosks still learn of it', () => {
    const { register, closedRooms, endedConferences, refreshes } = lifecycle();
    register.emit('changed', [{ meeting: { id: 'm-live', status: 'live' } }]);
    expect(closedRooms).toEqual([]);
    expect(endedConferences).toEqual([]);
    expect(refreshes()).toBe(1);
  });
});
