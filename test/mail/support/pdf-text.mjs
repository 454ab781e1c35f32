// Prints the text of the PDF read from stdin. Run as a child process because
// pdf.js loads its worker with a dynamic import that jest's VM cannot perform.
import { Buffer } from 'node:buffer';
import { PDFParse } from 'pdf-parse';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
try {
  process.stdout.write((await parser.getText()).text);
} finally {
  await parser.destroy();
}
