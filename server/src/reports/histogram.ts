/*
 * Fixed-bucket histograms: a meeting's samples of one measure at one site fold
 * into a few dozen counts, so a year of meetings stays small, and any period's
 * percentiles come from adding the counts of its meetings.
 */

/** Upper edges of the buckets of each measure; a value falls in the first bucket whose edge it does not exceed. */
export const bucketEdges = {
  packetLossPct: [0, 0.1, 0.25, 0.5, 1, 1.5, 2, 3, 4, 5, 7.5, 10, 15, 20, 30, 50, 100],
  rttMs: [0, 10, 20, 30, 40, 50, 75, 100, 125, 150, 200, 250, 300, 400, 500, 750, 1000, 1500, 2000, 5000],
  bitrateInKbps: [0, 50, 100, 150, 200, 300, 400, 500, 600, 800, 1000, 1200, 1500, 2000, 2500, 3000, 4000, 5000, 7500, 10_000, 20_000],
} as const;

export type Measure = keyof typeof bucketEdges;
export const measures = Object.keys(bucketEdges) as Measure[];

export const emptyCounts = (measure: Measure): number[] => bucketEdges[measure].map(() => 0);

/** Counts one value in place; values past the last edge count in the last bucket. */
export function addSample(counts: number[], measure: Measure, value: number): void {
  const edges = bucketEdges[measure];
  const index = edges.findIndex((edge) => value <= edge);
  counts[index === -1 ? edges.length - 1 : index]! += 1;
}

export function mergeCounts(into: number[], counts: readonly number[]): void {
  counts.forEach((count, index) => {
    into[index] = (into[index] ?? 0) + count;
  });
}

/**
 * The q-quantile (0 < q ≤ 1) as the upper edge of the bucket holding it: "at
 * most this", to the resolution of the buckets. Undefined without samples.
 */
export function quantile(counts: readonly number[], measure: Measure, q: number): number | undefined {
  const total = counts.reduce((sum, count) => sum + count, 0);
  if (total === 0) return undefined;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (const [index, count] of counts.entries()) {
    seen += count;
    if (seen >= rank) return bucketEdges[measure][index];
  }
  return bucketEdges[measure].at(-1);
}
