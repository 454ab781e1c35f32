/**
 * The README's screenshot: runs `npm start`'s worker on ports of its own,
 * makes a course with nominations through `kccp`, signs in to the codec
 * server and writes a PNG of the Web UI showing the course decoded.
 *
 *   npx tsx scripts/ui-screenshot.ts docs/web-ui-decoded-course.png
 */
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startNpmStart } from '../test/support/npm-start';
import {
  chromiumPath,
  courseUrl,
  courseWithNominations,
  devAccessFrom,
  signInToCodecServer,
  uiText,
  useCodecServerWithCredentials,
} from '../test/support/ui-course';
import { waitFor } from '../test/support/wait-for';

const CODE = 'KCCP-2027-AGR-01';
const COURSE_TITLE = 'Sustainable Rice Production';

async function main(): Promise<void> {
  const out = process.argv[2];
  if (!out) throw new Error('usage: tsx scripts/ui-screenshot.ts <file.png>');
  const run = await startNpmStart();
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
  try {
    await run.waitForLine('Press Ctrl-C to stop.');
    const { codecUrl, token, uiUrl } = devAccessFrom(run.stdout());
    await courseWithNominations(run.address, CODE);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await useCodecServerWithCredentials(page, codecUrl);
    await signInToCodecServer(page, codecUrl, token);
    await page.goto(courseUrl(uiUrl, CODE));
    // The course's input, decoded; a nominee's name is in an update's input, further down its event history.
    await waitFor(async () => (await uiText(page)).includes(COURSE_TITLE), {
      timeoutMs: 30_000,
      description: `${COURSE_TITLE} decoded in the Web UI`,
    }).catch(async (error: Error) => {
      await page.screenshot({ path: `${out}.failed.png`, fullPage: true });
      throw new Error(`${error.message}; the page as it was: ${out}.failed.png`);
    });
    await page.screenshot({ path: path.resolve(out), type: 'png' });
    console.log(`Wrote ${out}`);
  } finally {
    await browser.close();
    await run.cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
