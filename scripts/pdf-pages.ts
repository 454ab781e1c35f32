/**
 * Pages of a PDF as images with Debian's pdftoppm (poppler-utils): the tests
 * check that each document renders, and scripts/document-pages.ts makes the
 * README's pictures. Installed by scripts/ensure-poppler.sh where we are root
 * (CI, a fresh machine), as scripts/setup.ts does for chromium.
 */
import { execFileSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { delimiter, join } from 'node:path';

function onPath(name: string): string | undefined {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .map((dir) => join(dir, name))
    .find((path) => {
      try {
        accessSync(path, constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
}

/** pdftoppm's path, installing poppler-utils first when it is missing and we may. */
export function ensurePdftoppm(): string {
  const found = onPath('pdftoppm');
  if (found) return found;
  if (process.getuid?.() === 0) {
    console.log("pdftoppm: not found; installing Debian's poppler-utils (scripts/ensure-poppler.sh)...");
    execFileSync(join(__dirname, 'ensure-poppler.sh'), { stdio: 'inherit' });
    const installed = onPath('pdftoppm');
    if (installed) return installed;
  }
  throw new Error(
    'pdftoppm (for the PDF page tests) was not found: install poppler-utils, or run scripts/ensure-poppler.sh as root',
  );
}

export interface PageImage {
  png: Buffer;
  /** Share of the page's pixels darker than light grey: 0 for a blank page. */
  ink: number;
}

/** One page rendered to PNG, and how much of it is ink (read from a greyscale rendering of the same page). */
export function renderPage(pdf: Buffer, page = 1, dpi = 80): PageImage {
  const pdftoppm = ensurePdftoppm();
  const dir = mkdtempSync(join(os.tmpdir(), 'kccp-pdf-'));
  try {
    const file = join(dir, 'in.pdf');
    writeFileSync(file, pdf);
    const range = ['-f', String(page), '-l', String(page), '-r', String(dpi), '-singlefile'];
    execFileSync(pdftoppm, [...range, '-png', file, join(dir, 'page')], { stdio: ['ignore', 'ignore', 'pipe'] });
    execFileSync(pdftoppm, [...range, '-gray', file, join(dir, 'page')], { stdio: ['ignore', 'ignore', 'pipe'] });
    return { png: readFileSync(join(dir, 'page.png')), ink: inkShare(readFileSync(join(dir, 'page.pgm'))) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Binary PGM (P5, 8-bit): header "P5 w h max" then one byte per pixel. */
function inkShare(pgm: Buffer): number {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'));
  if (!header || header[3] !== '255') throw new Error('pdftoppm did not write an 8-bit binary PGM');
  const pixels = pgm.subarray(header[0].length);
  let dark = 0;
  for (const value of pixels) if (value < 200) dark++;
  return dark / pixels.length;
}
