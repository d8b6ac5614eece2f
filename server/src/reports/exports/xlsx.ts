import ExcelJS from 'exceljs';
import type { ReportDocument } from '../document';

/** Excel refuses these in sheet names, and names longer than 31 characters. */
const sheetName = (title: string, taken: Set<string>) => {
  const base = title
    .replace(/[[\]:*?/\\]/g, ' ')
    .slice(0, 31)
    .trim();
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n += 1) name = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
  taken.add(name.toLowerCase());
  return name;
};

/** One sheet per table: the column names in the first row, the figures below as numbers. */
export async function toXlsx(document: ReportDocument): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'diemcau';
  workbook.title = document.title;
  const taken = new Set<string>();
  for (const table of document.tables) {
    const sheet = workbook.addWorksheet(sheetName(table.title, taken));
    sheet.addRow(table.columns).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row);
    sheet.columns.forEach((column, index) => {
      column.width = Math.min(48, Math.max(10, ...[table.columns[index], ...table.rows.map((row) => row[index])].map((cell) => String(cell ?? '').length + 2)));
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
