import { z } from 'zod';

export const SiteCode = z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, 'site code: lowercase letters, digits and dashes');

export const SiteKind = z.enum(['chair', 'endpoint']);
export type SiteKind = z.infer<typeof SiteKind>;

export const SiteSummary = z.object({
  code: SiteCode,
  name: z.string(),
  kind: SiteKind,
});
export type SiteSummary = z.infer<typeof SiteSummary>;
