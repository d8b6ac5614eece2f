/** The candidate with the fewest hosted rooms; ties go to the earliest, so placement is predictable. */
export function pickLeastLoaded<T extends { load: number }>(candidates: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const candidate of candidates) {
    if (best === undefined || candidate.load < best.load) best = candidate;
  }
  return best;
}
