export interface BookingPolicy {
  /** IANA zone in which half-day sessions and invitation dates are read. */
  timeZone: string;
  /** Local wall-clock 'HH:MM' at which each half-day session ("buổi") starts. */
  sessionStarts: { morning: string; afternoon: string };
  /** ISO weekdays, 1 = Monday … 7 = Sunday, on which sessions exist. */
  workingDays: readonly number[];
  /** Art. 6.5: an urgent meeting reaches the bridge at least this long before it starts. */
  emergencyLeadMinutes: number;
  /** How many meetings the bridge can carry at once (licences, MCU ports, uplink). */
  maxConcurrentMeetings: number;
  /** How far before and after the requested start the free-slot search looks. */
  slotSearchDays: number;
  /** Granularity of suggested starts. */
  slotStepMinutes: number;
  /**
   * Local office hours, 'HH:MM' to 'HH:MM', on working days: suggested slots for a meeting that
   * is not urgent fall inside one of them.
   */
  officeHours: ReadonlyArray<{ start: string; end: string }>;
}

export const defaultBookingPolicy: BookingPolicy = Object.freeze({
  timeZone: 'Asia/Ho_Chi_Minh',
  sessionStarts: Object.freeze({ morning: '07:00', afternoon: '13:00' }),
  workingDays: Object.freeze([1, 2, 3, 4, 5]),
  emergencyLeadMinutes: 180,
  maxConcurrentMeetings: 4,
  slotSearchDays: 14,
  slotStepMinutes: 30,
  officeHours: Object.freeze([Object.freeze({ start: '07:00', end: '11:30' }), Object.freeze({ start: '13:00', end: '17:00' })]),
});
