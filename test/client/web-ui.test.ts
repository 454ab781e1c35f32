/**
 * The operator's path: a course started with kccp is found in the Temporal
 * Web UI by filtering workflows on its CoursePhase, in a real browser
 * (Debian's chromium driven by playwright-core). Screenshots are kept under
 * var/artifacts/ for a person to look at.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { checkCourseSpec } from '../../domain/lifecycle';
import { courseWorkflowId } from '../../domain/reference';
import { startCourse } from '../../client/course-start';
import { startCodecServer, type CodecServer } from '../../security/codec-server';
import { compressedCourse } from '../fixtures/courses';
import { testDataConverter } from '../support/codec-keys';
import { freePort } from '../support/ports';
import { waitFor } from '../support/wait-for';
import { startHarness, type Harness } from './harness';
import { kccp } from './run-kccp';

// The browser `npm test`'s setup found or installed (scripts/setup.ts).
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = path.resolve(__dirname, '../../var/artifacts');
const FORMULATION = 'KCCP-UI-FORM-01';
const SCHEDULED = 'KCCP-UI-SCHED-01';

let h: Harness;
let uiPort: number;
let browser: Browser | undefined;
let codecServer: CodecServer | undefined;

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `${CHROMIUM} is missing: set CHROMIUM_PATH or run scripts/ensure-chromium.sh (npm test does as root)`,
    );
  mkdirSync(ARTIFACTS, { recursive: true });
  uiPort = await freePort();
  // Payloads are encrypted (test/support/codec-keys.ts): the UI shows them through the codec server, as an operator's does.
  codecServer = await startCodecServer({
    codec: testDataConverter().payloadCodecs![0]!,
    insecureNoAuth: true,
    allowedOrigins: [`http://127.0.0.1:${uiPort}`],
    log: () => undefined,
  });
  h = await startHarness({ uiPort, extraArgs: ['--ui-codec-endpoint', codecServer.url] });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
});
afterAll(async () => {
  await browser?.close();
  await h?.stop();
  await codecServer?.close();
});

test('an operator filters workflows by CoursePhase in the Web UI and finds the course', async () => {
  const created = await kccp(h.address, [
    'course',
    'create',
    '--code',
    FORMULATION,
    '--title',
    'Disaster Risk Reduction for Coastal Cities',
    '--subject',
    'Disaster Risk Reduction',
    '--region',
    'Southeast Asia & Pacific',
    '--countries',
    'PH,ID,VN',
    '--host-centre',
    'JICA Kansai',
    '--demo-calendar',
    '60',
  ]);
  expect(created.code).toBe(0);
  // A second course whose formulation opens in an hour: Scheduled, so the filter must leave it out.
  const later = checkCourseSpec(compressedCourse(SCHEDULED, Date.now() + 3_600_000, 3_600_000), Date.now());
  if (!later.ok) throw new Error(later.reason);
  expect(await startCourse(h.client, later.spec)).toMatchObject({ started: true, phase: 'Scheduled' });
  await waitFor(async () => (await h.client.workflow.count('CoursePhase = "Formulation"')).count === 1, {
    description: 'the Formulation course in visibility',
  });

  const page = await browser!.newPage({ viewport: { width: 1400, height: 800 } });
  const courseLink = (code: string) => page.getByRole('link', { name: courseWorkflowId(code), exact: true });
  await page.goto(`http://127.0.0.1:${uiPort}/namespaces/default/workflows`);
  await courseLink(SCHEDULED).waitFor({ timeout: 30_000 });
  await page.getByTestId('toggle-manual-query').click();
  const query = page.getByTestId('workflow-manual-search-input');
  await query.fill('CoursePhase = "Formulation"');
  await query.press('Enter');
  await page.waitForURL(/query=/, { timeout: 15_000 });
  await courseLink(FORMULATION).waitFor({ timeout: 15_000 });
  await waitFor(async () => (await courseLink(SCHEDULED).count()) === 0, {
    description: 'the Scheduled course filtered out',
  });
  await page.screenshot({ path: path.join(ARTIFACTS, 'web-ui-course-phase-filter.png') });
  expect(await courseLink(FORMULATION).isVisible()).toBe(true);

  // The course's own page: its summary and the current details the workflow keeps up to date.
  await courseLink(FORMULATION).click();
  await page.getByText('User Metadata').click();
  // The UI renders markdown details in sandboxed frames.
  const frameTexts = () =>
    Promise.all(
      page.frames().map((f) =>
        f
          .locator('body')
          .innerText()
          .catch(() => ''),
      ),
    );
  const framed = async (text: string) => (await frameTexts()).some((t) => t.includes(text));
  await waitFor(() => framed('Waiting for: cycle 1: the course plan'), {
    timeoutMs: 20_000,
    description: 'current details in the UI',
  });
  expect(await framed('Phase: Formulation, cycle 1 of 3')).toBe(true);
  expect(await framed('Target countries: PH, ID, VN')).toBe(true);
  await page.screenshot({ path: path.join(ARTIFACTS, 'web-ui-course-details.png'), fullPage: true });
  expect(await framed(`${FORMULATION} Disaster Risk Reduction for Coastal Cities`)).toBe(true);
  await page.close();
});
