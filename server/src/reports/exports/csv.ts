import { writeToBuffer } from '@fast-csv/format';
import type { Cell, ReportDocument } from '../document';

/**
 * The document as one CSV file: its title and heading, then each table under
 * its title, a blank line between. UTF-8 with a byte-order mark, so Excel
 * reads the Vietnamese correctly; CRLF line ends as Excel writes them.
 */
export function toCsv(document: ReportDocument): Promise<Buffer> {
  const rows: Cell[][] = [[document.title], ...document.heading.map(([label, value]) => [label, value])];
  for (const table of document.tables) rows.push([], [table.title], table.columns, ...table.rows);
  return writeToBuffer(
    rows.map((row) => row.map((cell) => cell ?? '')),
    { writeBOM: true, rowDelimiter: '\r\n', alwaysWriteHeaders: false },
  );
}
