/** Figures over many values: percentiles, and a bounded uniform sample of a long stream. */

export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? sorted[0]!;
}

/** Keeps a uniform random sample of at most `capacity` values (reservoir sampling), so a long run stays small. */
export class Samples {
  readonly values: number[] = [];
  private seen = 0;

  constructor(private readonly capacity = 2_000) {}

  add(value: number): void {
    this.seen++;
    if (this.values.length < this.capacity) {
      this.values.push(value);
      return;
    }
    const slot = Math.floor(Math.random() * this.seen);
    if (slot < this.capacity) this.values[slot] = value;
  }
}

const cell = (value: unknown) =>
  value === null || value === undefined
    ? '—'
    : typeof value === 'number'
      ? String(Number(value.toFixed(Math.abs(value) < 10 ? 3 : 1)))
      : typeof value === 'string'
        ? value
        : JSON.stringify(value);

/** A plain-text table with right-aligned columns. */
export function formatTable(rows: ReadonlyArray<Record<string, unknown>>): string {
  if (rows.length === 0) return '';
  const columns = Object.keys(rows[0]!);
  const text = rows.map((row) => columns.map((column) => cell(row[column])));
  const widths = columns.map((column, index) => Math.max(column.length, ...text.map((line) => line[index]!.length)));
  const line = (cells: string[]) => cells.map((value, index) => value.padStart(widths[index]!)).join('  ');
  return [line(columns), line(widths.map((width) => '-'.repeat(width))), ...text.map(line)].join('\n');
}
