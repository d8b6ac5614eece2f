import { z } from 'zod';

/** The roles of the regulation's actors (Art. 10–13), each granted fixed permissions on the server. */
export const Role = z.enum([
  'admin',
  /** The Office: receives, approves and schedules bookings (Art. 10). */
  'secretariat',
  /** A department or the Office requesting meetings (Art. 11). */
  'organizer',
  'chair-operator',
  /** Bound to one site (Art. 12.2). */
  'site-technician',
  /** The telecom provider running the bridge (Art. 13). */
  'bridge-technician',
  /** Read-only, for the yearly review (Art. 9, 15). */
  'auditor',
  /**
   * The Department of Information and Communications (Art. 9, 12.3, 15): books meetings like any
   * department, compiles the province-wide reports and answers the units' feedback.
   */
  'information-department',
]);
export type Role = z.infer<typeof Role>;

export const Username = z
  .string()
  .trim()
  .min(3)
  .max(60)
  .regex(/^[a-z0-9._-]+$/, 'lowercase letters, digits, dot, dash, underscore');
export const Password = z.string().min(10, 'at least 10 characters').max(200);

/** Usernames are stored lowercase; a login finds its account whatever the case or surrounding spaces. */
export const normaliseUsername = (username: string): string => username.trim().toLowerCase();

export const LoginRequest = z.object({ username: z.string().trim().min(1).max(60), password: z.string().min(1).max(200) }).strict();
/** The refresh token, as the HttpOnly cookie carries it: page scripts never see it. */
export const RefreshToken = z.string().min(20).max(200);
/** Name and path of that cookie: it is sent only to the session endpoints. */
export const REFRESH_COOKIE = { name: 'diemcau_refresh', path: '/api/auth' } as const;

export const UserView = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  unitId: z.number().int().nullable(),
  siteId: z.number().int().nullable(),
  active: z.boolean(),
});
export type UserView = z.infer<typeof UserView>;

/** What login and refresh answer; the refresh token comes in the HttpOnly cookie only. */
export const Session = z.object({
  accessToken: z.string(),
  accessExpiresAt: z.iso.datetime(),
  user: UserView,
});
export type Session = z.infer<typeof Session>;

export const UserInput = z
  .object({
    username: Username,
    displayName: z.string().trim().min(1).max(200),
    role: Role,
    unitId: z.number().int().positive().nullable().default(null),
    siteId: z.number().int().positive().nullable().default(null),
    password: Password,
  })
  .strict()
  .refine((user) => user.role !== 'site-technician' || user.siteId !== null, {
    message: 'a site technician must be bound to a site',
    path: ['siteId'],
  });

export const UserPatch = z
  .object({
    displayName: z.string().trim().min(1).max(200).optional(),
    role: Role.optional(),
    unitId: z.number().int().positive().nullable().optional(),
    siteId: z.number().int().positive().nullable().optional(),
    active: z.boolean().optional(),
    password: Password.optional(),
  })
  .strict();
