import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import type { BarChart, Cell, ReportDocument, ReportTable } from '../document';

/** Debian's fonts-noto-core: Noto Sans covers every Vietnamese diacritic. */
const FONT_DIR = '/usr/share/fonts/truetype/noto';
const FONTS = { regular: `${FONT_DIR}/NotoSans-Regular.ttf`, bold: `${FONT_DIR}/NotoSans-Bold.ttf` };

const MARGIN = 40;
const BODY_SIZE = 8.5;
const CELL_PADDING = 3;
const BAR_COLOR = '#1f5fa8';
const RULE_COLOR = '#9aa5b1';

const text = (cell: Cell) => (cell === null ? '–' : typeof cell === 'number' ? cell.toLocaleString('vi-VN') : cell);

/**
 * The printable report: a cover page naming the unit and period, then each
 * table, then the charts as bars, on landscape A4 (the quality table is wide).
 */
export function toPdf(document: ReportDocument): Promise<Buffer> {
  for (const file of Object.values(FONTS)) {
    if (!fs.existsSync(file)) throw new Error(`the PDF font ${file} is missing: install Debian's fonts-noto-core`);
  }
  const pdf = new PDFDocument({ size: 'A4', layout: 'landscape', margin: MARGIN, bufferPages: true, info: { Title: document.title, Creator: 'diemcau' } });
  pdf.registerFont('regular', FONTS.regular);
  pdf.registerFont('bold', FONTS.bold);
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  cover(pdf, document);
  pdf.addPage();
  for (const table of document.tables) drawTable(pdf, table);
  for (const chart of document.charts) drawChart(pdf, chart);
  numberPages(pdf, document.labels.page);
  pdf.end();
  return done;
}

const contentWidth = (pdf: PDFKit.PDFDocument) => pdf.page.width - 2 * MARGIN;
const bottom = (pdf: PDFKit.PDFDocument) => pdf.page.height - MARGIN - 14;

function cover(pdf: PDFKit.PDFDocument, document: ReportDocument): void {
  const width = contentWidth(pdf);
  pdf.font('regular').fontSize(13).text(document.labels.cover.system.toUpperCase(), MARGIN, 110, { width, align: 'center' });
  pdf.moveDown(2).font('bold').fontSize(24).text(document.title.toUpperCase(), { width, align: 'center' });
  pdf.moveDown(1.5);
  for (const [label, value] of document.heading) pdf.font('regular').fontSize(14).text(`${label}: ${value}`, { width, align: 'center' });
  pdf.moveDown(3).font('regular').fontSize(10).fillColor('#444444').text(document.labels.cover.basis, { width, align: 'center' }).fillColor('black');
}

/** Keeps the next `height` points on one page. */
function ensureRoom(pdf: PDFKit.PDFDocument, height: number): void {
  if (pdf.y + height > bottom(pdf)) pdf.addPage();
}

function columnWidths(pdf: PDFKit.PDFDocument, table: ReportTable): number[] {
  const width = contentWidth(pdf);
  const count = table.columns.length;
  if (count <= 2) return [width * 0.5, 160].slice(0, count);
  const first = Math.min(width * 0.3, 200);
  return [first, ...table.columns.slice(1).map(() => (width - first) / (count - 1))];
}

function drawRow(pdf: PDFKit.PDFDocument, cells: Cell[], widths: number[], bold: boolean): void {
  pdf.font(bold ? 'bold' : 'regular').fontSize(BODY_SIZE);
  const height = Math.max(...cells.map((cell, index) => pdf.heightOfString(text(cell), { width: widths[index]! - 2 * CELL_PADDING }))) + 2 * CELL_PADDING;
  ensureRoom(pdf, height);
  const top = pdf.y;
  let x = MARGIN;
  cells.forEach((cell, index) => {
    const width = widths[index]!;
    // Figures and their column names align right; the first column holds names.
    const align = index > 0 && (bold || typeof cell === 'number' || cell === null) ? 'right' : 'left';
    pdf.text(text(cell), x + CELL_PADDING, top + CELL_PADDING, { width: width - 2 * CELL_PADDING, align });
    x += width;
  });
  pdf
    .moveTo(MARGIN, top + height)
    .lineTo(MARGIN + widths.reduce((sum, w) => sum + w, 0), top + height)
    .lineWidth(0.5)
    .strokeColor(RULE_COLOR)
    .stroke();
  pdf.x = MARGIN;
  pdf.y = top + height;
}

function heading(pdf: PDFKit.PDFDocument, title: string, keepWith: number): void {
  pdf.font('bold').fontSize(12);
  ensureRoom(pdf, pdf.heightOfString(title) + keepWith + 10);
  pdf.moveDown(0.8);
  pdf.text(title, MARGIN, pdf.y, { width: contentWidth(pdf) });
  pdf.moveDown(0.3);
}

function drawTable(pdf: PDFKit.PDFDocument, table: ReportTable): void {
  const widths = columnWidths(pdf, table);
  heading(pdf, table.title, 40);
  drawRow(pdf, table.columns, widths, true);
  for (const row of table.rows) drawRow(pdf, row, widths, false);
}

/** Horizontal bars, one per label, scaled to the largest value, each with its figure. */
function drawChart(pdf: PDFKit.PDFDocument, chart: BarChart): void {
  const barHeight = 12;
  const gap = 4;
  const labelWidth = 190;
  const valueWidth = 60;
  const plotWidth = contentWidth(pdf) - labelWidth - valueWidth;
  const max = chart.max ?? Math.max(0, ...chart.bars.map((bar) => bar.value));
  heading(pdf, chart.title, Math.min(chart.bars.length, 6) * (barHeight + gap));
  pdf.font('regular').fontSize(BODY_SIZE);
  for (const bar of chart.bars) {
    ensureRoom(pdf, barHeight + gap);
    const top = pdf.y;
    pdf.fillColor('black').text(bar.label, MARGIN, top + 1, { width: labelWidth - 6, align: 'right', lineBreak: false, ellipsis: true });
    const length = max > 0 ? (bar.value / max) * plotWidth : 0;
    if (length > 0) pdf.rect(MARGIN + labelWidth, top, length, barHeight).fill(BAR_COLOR);
    pdf.fillColor('black').text(text(bar.value), MARGIN + labelWidth + length + 4, top + 1, { width: valueWidth, lineBreak: false });
    pdf.x = MARGIN;
    pdf.y = top + barHeight + gap;
  }
}

function numberPages(pdf: PDFKit.PDFDocument, word: string): void {
  const { start, count } = pdf.bufferedPageRange();
  for (let index = start; index < start + count; index += 1) {
    pdf.switchToPage(index);
    // Writing below the bottom margin would add a page: lift the margin for the footer.
    const margin = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf
      .font('regular')
      .fontSize(8)
      .fillColor('#666666')
      .text(`${word} ${index + 1}/${count}`, MARGIN, pdf.page.height - MARGIN + 8, { width: contentWidth(pdf), align: 'center', lineBreak: false });
    pdf.page.margins.bottom = margin;
  }
  pdf.fillColor('black');
}
