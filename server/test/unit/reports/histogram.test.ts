import { describe, expect, it } from 'vitest';
import { addSample, bucketEdges, emptyCounts, mergeCounts, quantile } from '../../../src/reports/histogram';

describe('quality histograms', () => {
  it('puts a value in the first bucket whose upper edge it does not exceed, and huge values in the last', () => {
    const counts = emptyCounts('rttMs');
    for (const value of [0, 10, 11, 99999]) addSample(counts, 'rttMs', value);
    expect(counts[0]).toBe(1);
    expect(counts[1]).toBe(1);
    expect(counts[2]).toBe(1);
    expect(counts.at(-1)).toBe(1);
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(4);
  });

  it('gives quantiles as the upper edge of the bucket holding them, and nothing without samples', () => {
    const counts = emptyCounts('packetLossPct');
    expect(quantile(counts, 'packetLossPct', 0.5)).toBeUndefined();
    for (const value of [0.05, 0.05, 0.05, 0.3, 4]) addSample(counts, 'packetLossPct', value);
    expect(quantile(counts, 'packetLossPct', 0.5)).toBe(0.1);
    expect(quantile(counts, 'packetLossPct', 0.8)).toBe(0.5);
    expect(quantile(counts, 'packetLossPct', 0.95)).toBe(4);
  });

  it('merges meetings by adding counts, and stays a few dozen numbers whatever the samples', () => {
    const first = emptyCounts('bitrateInKbps');
    const second = emptyCounts('bitrateInKbps');
    for (let i = 0; i < 10_000; i += 1) addSample(first, 'bitrateInKbps', 1000);
    addSample(second, 'bitrateInKbps', 5000);
    mergeCounts(first, second);
    expect(first).toHaveLength(bucketEdges.bitrateInKbps.length);
    expect(quantile(first, 'bitrateInKbps', 1)).toBe(5000);
    expect(quantile(first, 'bitrateInKbps', 0.5)).toBe(1000);
  });
});
