/**
 * The operator's first hour, in a real browser (playwright-core driving
 * Debian's chromium): `npm start` runs the dev server, its Web UI and the codec
 * server; a course gets nominations through the real `kccp`; the course's
 * Event History shows the nominee's name only once the browser has signed in
 * to the codec server with the development token `npm start` printed.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { startNpmStart, type NpmStart } from '../support/npm-start';
import {
  NOMINEE,
  chromiumPath,
  courseWithNominations,
  devAccessFrom,
  expandUpdateRows,
  openEventHistory,
  signInToCodecServer,
  uiText,
  useCodecServerWithCredentials,
  type DevAccess,
} from '../support/ui-course';
import { waitFor } from '../support/wait-for';

const CODE = 'KCCP-2027-AGR-01';
// Two countries' nominations (KE with the nominee, SN), one update each.
const NOMINATION_UPDATES = 2;
// Generous: two cores shared by a dev server, the UI, the worker and chromium.
const UI_DEADLINE = 90_000;
// What the UI shows of a payload it could not decode: our codec's ciphertext, base64.
const CIPHERTEXT = /[A-Za-z0-9+/]{200,}={0,2}/;

let run: NpmStart;
let browser: Browser;
let access: DevAccess;

beforeAll(async () => {
  run = await startNpmStart();
  await run.waitForLine('Press Ctrl-C to stop.');
  access = devAccessFrom(run.stdout());
  browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
  await courseWithNominations(run.address, CODE);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await run?.cleanup();
});

/**
 * The codec server's answers to this page's /decode calls, in order: an HTTP
 * status, or "failed" when the browser got none (the UI adds a query string).
 */
function decodeAnswers(page: Page, codecUrl: string): string[] {
  const answers: string[] = [];
  const isDecode = (url: string) => {
    const { origin, pathname } = new URL(url);
    return `${origin}${pathname}` === `${codecUrl}/decode`;
  };
  page.on('response', (response) => {
    if (isDecode(response.url())) answers.push(String(response.status()));
  });
  page.on('requestfailed', (request) => {
    if (isDecode(request.url())) answers.push('failed');
  });
  return answers;
}

/** The text of the expanded update rows' details, from "Accepted Request" on. */
async function acceptedRequests(page: Page): Promise<string[]> {
  return (await uiText(page)).split('Accepted Request\n').slice(1);
}

/** A timed-out wait's message, with what the page showed and what the codec server answered. */
function explain(page: Page, decodes: string[]) {
  return async (error: Error): Promise<never> => {
    const details = (await acceptedRequests(page)).map((d) => d.slice(0, 800)).join('\n---\n');
    throw new Error(
      `${error.message}\n/decode answered: ${decodes.join(', ') || 'never'}\nexpanded updates:\n${details}`,
    );
  };
}

describe('the Web UI of npm start', () => {
  it("shows a nominee's name in the Event History only after signing in to the codec server", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const decodes = decodeAnswers(page, access.codecUrl);
    // Set once in the UI's codec settings, as an operator does: send the sign-in cookie to the codec server.
    await useCodecServerWithCredentials(page, access.codecUrl);

    // Not signed in: the UI asks the codec server, is refused, and shows the ciphertext.
    await openEventHistory(page, access.uiUrl, CODE, UI_DEADLINE);
    await expandUpdateRows(page, 'nominations', NOMINATION_UPDATES, UI_DEADLINE);
    await waitFor(
      async () =>
        decodes.includes('401') &&
        (await acceptedRequests(page)).filter((details) => CIPHERTEXT.test(details)).length === NOMINATION_UPDATES,
      { timeoutMs: UI_DEADLINE, intervalMs: 250, description: 'both nomination updates shown encrypted' },
    ).catch(explain(page, decodes));
    expect(await uiText(page)).not.toContain(NOMINEE);
    expect(await page.content()).not.toContain(NOMINEE);
    expect(decodes).not.toContain('200');

    // Signed in at the codec server's /login with the token npm start printed: the same page decodes.
    await signInToCodecServer(page, access.codecUrl, access.token);
    await openEventHistory(page, access.uiUrl, CODE, UI_DEADLINE);
    await expandUpdateRows(page, 'nominations', NOMINATION_UPDATES, UI_DEADLINE);
    const shown = await waitFor(
      async () => {
        const text = await uiText(page);
        return text.includes(NOMINEE) && text;
      },
      { timeoutMs: UI_DEADLINE, intervalMs: 250, description: `${NOMINEE} decoded in the Event History` },
    ).catch(explain(page, decodes));
    expect(shown).toMatch(new RegExp(`"name": "${NOMINEE}"`));
    expect(decodes).toContain('200');
  }, 420_000);
});
