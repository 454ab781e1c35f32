import { execFile } from 'node:child_process';
import path from 'node:path';

/** The text pdf.js extracts from a PDF; rejects when the file does not parse. */
export function pdfText(content: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [path.join(__dirname, 'pdf-text.mjs')],
      { maxBuffer: 10 * 1024 * 1024 },
      (err, stdout, stderr) =>
        err ? reject(new Error(`PDF does not parse: ${stderr || err.message}`)) : resolve(stdout),
    );
    child.stdin!.end(content);
  });
}
