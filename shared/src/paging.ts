import { z } from 'zod';

/** No listing answers with more than this many items at once. */
export const PAGE_SIZE_MAX = 500;

/** `?limit=&offset=` of every listing endpoint; without them, the first page of the largest size. */
export const PageQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(PAGE_SIZE_MAX),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();
export type Page = z.infer<typeof PageQuery>;
