import { z } from 'zod';
import { SiteCode, SiteKind } from './sites';

export const UnitKind = z.enum(['provincial-committee', 'office', 'department', 'district-committee', 'telecom', 'information-department']);
export type UnitKind = z.infer<typeof UnitKind>;

const UnitCode = z
  .string()
  .trim()
  .regex(/^[a-z0-9-]{2,40}$/, 'lowercase letters, digits and dashes');
const Name = z.string().trim().min(1).max(200);

export const UnitInput = z.object({ code: UnitCode, name: Name, kind: UnitKind }).strict();
export const UnitPatch = z.object({ name: Name.optional(), kind: UnitKind.optional() }).strict();
export const UnitView = z.object({ id: z.number().int(), code: z.string(), name: z.string(), kind: UnitKind });
export type UnitView = z.infer<typeof UnitView>;

export const ContactInput = z
  .object({
    name: Name,
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 .-]{6,20}$/, 'a phone number'),
    email: z.email().nullable().default(null),
    onDuty: z.boolean().default(true),
  })
  .strict();
export const ContactView = z.object({
  id: z.number().int(),
  name: z.string(),
  phone: z.string(),
  email: z.string().nullable(),
  onDuty: z.boolean(),
});
export type ContactView = z.infer<typeof ContactView>;

export const SiteInput = z
  .object({
    code: SiteCode,
    name: Name,
    kind: SiteKind,
    unitId: z.number().int().positive(),
    room: z.string().trim().max(500).default(''),
    equipment: z.array(z.string().trim().min(1).max(200)).max(100).default([]),
  })
  .strict();
export const SitePatch = SiteInput.omit({ code: true }).partial().strict();
/** What a site's own technician may change: the room and its equipment. */
export const SiteConfiguration = SiteInput.pick({ room: true, equipment: true }).partial().strict();

export const SiteView = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  kind: SiteKind,
  unitId: z.number().int(),
  room: z.string(),
  equipment: z.array(z.string()),
  kioskRevoked: z.boolean(),
  contacts: z.array(ContactView),
});
export type SiteView = z.infer<typeof SiteView>;

export const KioskLink = z.object({ url: z.string(), generation: z.number().int(), revoked: z.boolean() });
export type KioskLink = z.infer<typeof KioskLink>;
