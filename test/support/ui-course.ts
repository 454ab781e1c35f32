/**
 * A course with nominations, made through the real `kccp` on a compressed
 * calendar (create, plan, scrutiny, survey, MOFA, nominations), and the Web UI
 * pages of `npm start` that show it, for scripts/ui-screenshot.ts (the README's
 * screenshot) and for a browser test of the signed-in UI.
 */
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { Page } from 'playwright-core';
import { compressedCalendar, toTokyoIso } from '../../domain/calendar';
import { courseWorkflowId } from '../../domain/reference';
import { kccp } from '../client/run-kccp';
import { compressedCourse } from '../fixtures/courses';
import { testDataConverter } from './codec-keys';
import { waitFor } from './wait-for';

export const NOMINEE = 'Jane Wanjiru';

async function phaseOf(client: Client, code: string): Promise<string | undefined> {
  const page = await client.workflow.count(`CourseCode = "${code}"`);
  if (page.count === 0) return undefined;
  for await (const wf of client.workflow.list({ query: `CourseCode = "${code}"` })) {
    return String(wf.searchAttributes?.CoursePhase?.[0] ?? '');
  }
  return undefined;
}

/** Drives `code` into Nominations and records two nominees; throws with kccp's output when a step fails. */
export async function courseWithNominations(address: string, code: string): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kccp-ui-course-'));
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, dataConverter: testDataConverter() });
  const step = async (args: string[]) => {
    const run = await kccp(address, args);
    if (run.code !== 0) throw new Error(`kccp ${args.join(' ')} failed (${run.code}):\n${run.stdout}${run.stderr}`);
  };
  const waitPhase = (phase: string) =>
    waitFor(async () => (await phaseOf(client, code)) === phase, {
      timeoutMs: 60_000,
      intervalMs: 250,
      description: `${code} in ${phase}`,
    });
  const file = (name: string, lines: string[]) => {
    const p = path.join(dir, name);
    writeFileSync(p, lines.join('\n'));
    return p;
  };
  try {
    const unit = 5_000;
    const t0 = Date.now();
    const w = (from: number, to: number) => ({
      opens: toTokyoIso(t0 + from * unit),
      closes: toTokyoIso(t0 + to * unit),
    });
    const later = compressedCalendar(t0 + 3_600_000, 3_600_000);
    const spec = compressedCourse(code, t0, 1_000, {
      targetCountries: ['KE', 'SN', 'PE', 'VN'],
      calendar: {
        '1': {
          formulation: w(0, 2),
          scrutiny: w(2, 5),
          requestSurvey: w(2, 5),
          mofaDetermination: w(5, 7),
          nominations: w(7, 200),
          selection: w(200, 210),
          preArrival: w(210, 211),
          inJapan: w(211, 212),
          postReturn: w(212, 213),
          evaluation: w(213, 214),
        },
        '2': later['2'],
        '3': later['3'],
      },
    });
    await step(['course', 'create', '--file', file('course.json', [JSON.stringify(spec)])]);
    await step(['plan', code, '--summary', 'Field practice in Tsukuba and two study visits']);
    await waitPhase('Scrutiny');
    await step(['scrutiny', code, '--result', 'pass', '--reason', 'Japanese rice research is unique']);
    const survey = ['country,wants_to_participate,expected_participants', 'KE,yes,2', 'SN,yes,1', 'PE,yes,1'];
    await step(['survey', code, '--csv', file('survey.csv', survey)]);
    await waitPhase('MofaDetermination');
    await step(['mofa', code, '--result', 'approved', '--reference', 'MOFA-2026-112']);
    await waitPhase('Nominations');
    const nominations = [
      'country,organization,nominee name,position,email',
      `KE,Ministry of Agriculture,${NOMINEE},Director,jane.wanjiru@agri.go.ke`,
      'SN,ISRA,Awa Diop,Engineer,awa.diop@isra.example',
    ];
    await step(['nominations', code, '--csv', file('nominations.csv', nominations)]);
  } finally {
    await connection.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Text of the page and of every frame in it (the UI renders some details in sandboxed frames). */
export async function uiText(page: Page): Promise<string> {
  const texts = await Promise.all(
    page.frames().map((f) =>
      f
        .locator('body')
        .innerText()
        .catch(() => ''),
    ),
  );
  return texts.join('\n');
}

/**
 * The dev server's UI cannot be told, by flag or config, to send cookies to the
 * codec server ("include cross-origin credentials" is a browser setting of the
 * UI, kept in its localStorage): set it as an operator does once in the UI's
 * codec server settings.
 */
export async function useCodecServerWithCredentials(page: Page, codecUrl: string): Promise<void> {
  await page.addInitScript((endpoint: string) => {
    const { localStorage } = globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } };
    localStorage.setItem('endpoint', JSON.stringify(endpoint));
    localStorage.setItem('includeCredentials', 'true');
    localStorage.setItem('overrideRemoteCodecConfiguration', 'true');
  }, codecUrl);
}

export async function signInToCodecServer(page: Page, codecUrl: string, token: string): Promise<void> {
  await page.goto(`${codecUrl}/login`);
  await page.getByLabel('Codec token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('Signed in for 8 hours').waitFor({ timeout: 10_000 });
}

export function courseUrl(uiUrl: string, code: string): string {
  return `${uiUrl}/namespaces/default/workflows/${courseWorkflowId(code)}`;
}

export interface DevAccess {
  uiUrl: string;
  codecUrl: string;
  token: string;
}

/**
 * The Web UI, codec server and development token that `npm start` prints, read
 * from its output as text or JSON lines (a URL or token never holds `"` or a space).
 */
export function devAccessFrom(output: string): DevAccess {
  const find = (pattern: RegExp, what: string) => {
    const found = pattern.exec(output)?.[1];
    if (!found) throw new Error(`npm start printed no ${what}:\n${output}`);
    return found;
  };
  return {
    uiUrl: find(/Web UI: ([^\s"]+)/, 'Web UI address'),
    codecUrl: find(/sign in at ([^\s"]+)\/login/, 'codec server sign-in address'),
    token: find(/printed only here: ([^\s"]+)/, 'development token'),
  };
}

/** The browser scripts/setup.ts checked for: CHROMIUM_PATH, then `chromium` on PATH, then Debian's. */
export function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  const onPath = (process.env.PATH ?? '')
    .split(path.delimiter)
    .map((dir) => path.join(dir, 'chromium'))
    .find((file) => {
      try {
        accessSync(file, constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
  return onPath ?? '/usr/bin/chromium';
}

/**
 * Opens the course's Event History tab. The UI redirects a workflow id to its
 * latest run's Timeline; the History tab is the same address ending in /history.
 */
export async function openEventHistory(page: Page, uiUrl: string, code: string, timeoutMs = 60_000): Promise<void> {
  await page.goto(courseUrl(uiUrl, code));
  await page.waitForURL(/\/workflows\/[^/]+\/[^/]+\/timeline$/, { timeout: timeoutMs });
  await page.goto(page.url().replace(/\/timeline$/, '/history'));
}

/**
 * Expands every "Workflow Execution Update Accepted" row of the update `name`
 * (its input, where a nominee's name is, shows only in the expanded row) once
 * `count` of them are listed. Last first: an expanded row's details go below it,
 * so the rows above keep their places.
 */
export async function expandUpdateRows(page: Page, name: string, count: number, timeoutMs = 60_000): Promise<void> {
  const rows = page
    .getByRole('row')
    .filter({ hasText: 'Workflow Execution Update Accepted' })
    .filter({ hasText: name });
  await waitFor(async () => (await rows.count()) >= count, {
    timeoutMs,
    intervalMs: 250,
    description: `${count} "${name}" update rows in the Event History`,
  });
  for (let i = count - 1; i >= 0; i -= 1) await rows.nth(i).click();
}
