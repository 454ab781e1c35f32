/**
 * The printed documents' common layout over PDFKit: headings, label/value
 * rows, numbered lists, tables and page footers, in fonts that carry the
 * language. Latin languages use PDFKit's built-in Helvetica (nothing to
 * embed); Japanese uses Noto Sans JP from @expo-google-fonts/noto-sans-jp,
 * which PDFKit embeds as a subset of the glyphs the document uses.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type PDFDocumentClass from 'pdfkit';
import type { NoticeLanguage } from '../../domain/reference';

let pdfKit: typeof PDFDocumentClass | undefined;
/** Loaded with the first document, not at worker start: PDFKit alone is about 26 MB of a worker's RSS (issue 20). */
function loadPdfKit(): typeof PDFDocumentClass {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  pdfKit ??= require('pdfkit') as typeof PDFDocumentClass;
  return pdfKit;
}

interface Fonts {
  regular: string | Buffer;
  bold: string | Buffer;
}

const HELVETICA: Fonts = { regular: 'Helvetica', bold: 'Helvetica-Bold' };

let notoSansJp: Fonts | undefined;
/** Read once per process and only when a Japanese document is written: the two files are 11 MB. */
function japaneseFonts(): Fonts {
  if (!notoSansJp) {
    const root = dirname(require.resolve('@expo-google-fonts/noto-sans-jp/package.json'));
    notoSansJp = {
      regular: readFileSync(join(root, '400Regular', 'NotoSansJP_400Regular.ttf')),
      bold: readFileSync(join(root, '700Bold', 'NotoSansJP_700Bold.ttf')),
    };
  }
  return notoSansJp;
}

/** Fonts per language; a language written in another script adds its font here. */
function fontsFor(language: NoticeLanguage): Fonts {
  return language === 'ja' ? japaneseFonts() : HELVETICA;
}

export interface PdfInfo {
  title: string;
  subject: string;
  /** Fixed by the caller so the same input gives the same file (a retried notice sends identical bytes). */
  creationDate: Date;
}

const MUTED = '#555555';
const RULE = '#1f4e79';

export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;
  readonly done: Promise<Buffer>;

  constructor(language: NoticeLanguage, info: PdfInfo) {
    const PDFDocument = loadPdfKit();
    this.doc = new PDFDocument({
      size: 'A4',
      margins: { top: 56, bottom: 64, left: 56, right: 56 },
      bufferPages: true, // footers need the page count, known only at the end
      lang: language,
      info: {
        Title: info.title,
        Subject: info.subject,
        Author: 'Japan International Cooperation Agency (JICA)',
        CreationDate: info.creationDate,
        ModDate: info.creationDate,
      },
    });
    const fonts = fontsFor(language);
    this.doc.registerFont('body', fonts.regular);
    this.doc.registerFont('bold', fonts.bold);
    const chunks: Buffer[] = [];
    this.done = new Promise<Buffer>((resolve, reject) => {
      this.doc.on('data', (c: Buffer) => chunks.push(c));
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
    });
    this.doc.font('body').fontSize(11);
  }

  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  muted(text: string, size = 10): this {
    this.doc.font('body').fontSize(size).fillColor(MUTED).text(text).fillColor('#000000').fontSize(11);
    return this;
  }

  title(text: string, size = 22): this {
    this.doc.moveDown(0.4).font('bold').fontSize(size).fillColor('#000000').text(text).font('body').fontSize(11);
    return this;
  }

  /** A numbered section heading with a rule under it; starts a new page when little room is left. */
  section(text: string, level: 1 | 2 = 1): this {
    const size = level === 1 ? 14 : 12;
    if (this.doc.y > this.doc.page.height - this.doc.page.margins.bottom - 80) this.doc.addPage();
    this.doc
      .moveDown(level === 1 ? 1 : 0.6)
      .font('bold')
      .fontSize(size)
      .fillColor(RULE)
      .text(text);
    if (level === 1) {
      const y = this.doc.y + 2;
      this.doc
        .moveTo(this.doc.page.margins.left, y)
        .lineTo(this.doc.page.margins.left + this.width, y)
        .lineWidth(0.8)
        .strokeColor(RULE)
        .stroke();
      this.doc.y = y + 4;
    }
    this.doc.moveDown(0.3).font('body').fontSize(11).fillColor('#000000');
    return this;
  }

  /** "Label: value" on one line, wrapping under itself; extraction reads it as one phrase. */
  row(label: string, value: string): this {
    this.doc.font('bold').text(`${label}: `, { continued: true }).font('body').text(value);
    return this;
  }

  paragraph(text: string): this {
    this.doc.font('body').fontSize(11).text(text, { align: 'justify' }).moveDown(0.4);
    return this;
  }

  list(items: readonly string[], numbered = true): this {
    items.forEach((item, i) => {
      this.doc.font('body').text(`${numbered ? `${i + 1}.` : '•'} ${item}`, { indent: 0 });
    });
    this.doc.moveDown(0.3);
    return this;
  }

  /** A table with a shaded header row; PDFKit breaks it across pages by rows. */
  table(header: readonly string[], rows: readonly string[][], widths: readonly number[], footer?: string[]): this {
    const total = widths.reduce((a, b) => a + b, 0);
    const data = [
      header.map((text) => ({ text, font: { src: 'bold' }, backgroundColor: '#dfe8f2', type: 'TH' as const })),
      ...rows,
      ...(footer ? [footer.map((text) => ({ text, font: { src: 'bold' } }))] : []),
    ];
    this.doc.moveDown(0.3).fontSize(10);
    this.doc.table({
      columnStyles: widths.map((w) => (w / total) * this.width),
      defaultStyle: { border: 0.5, borderColor: '#9aa9b8', padding: [3, 4, 3, 4] },
      data,
    });
    this.doc.fontSize(11).moveDown(0.5);
    return this;
  }

  /** "code · page n / N" at the foot of every page. */
  footers(left: string, page: (n: number, of: number) => string): this {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      const bottom = this.doc.page.margins.bottom;
      // Writing inside the bottom margin would otherwise add a page.
      this.doc.page.margins.bottom = 0;
      const y = this.doc.page.height - 40;
      this.doc.font('body').fontSize(8).fillColor(MUTED);
      this.doc.text(left, this.doc.page.margins.left, y, { width: this.width / 2, lineBreak: false });
      this.doc.text(page(i + 1, range.count), this.doc.page.margins.left + this.width / 2, y, {
        width: this.width / 2,
        align: 'right',
        lineBreak: false,
      });
      this.doc.page.margins.bottom = bottom;
    }
    this.doc.fillColor('#000000');
    return this;
  }

  end(): Promise<Buffer> {
    this.doc.end();
    return this.done;
  }
}
