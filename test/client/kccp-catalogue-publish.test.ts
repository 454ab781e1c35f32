/**
 * The real kccp against a dev server: courses created with their outlines by
 * `course create --outline` and by the catalogue CSV, then
 * `catalogue publish` writing the year's list from what the workflows hold.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sampleOutline } from '../../domain/sample-outlines';
import { pdfText } from '../mail/support/pdf';
import { startHarness, type Harness } from './harness';
import { json, kccp } from './run-kccp';

let h: Harness;
let dir: string;
const file = (name: string, content: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
};

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kccp-publish-'));
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

test('courses created with outlines appear once each in the catalogue of every year they have a cycle in', async () => {
  const health = sampleOutline('Health', 0, 4, 2);
  const created = await kccp(h.address, [
    'course',
    'create',
    '--code',
    'KCCP-2031-HLT-01',
    '--title',
    'Maternal and Child Health',
    '--subject',
    'Health',
    '--countries',
    'KE,SN,PE,VN',
    '--host-centre',
    'JICA Tokyo',
    '--languages',
    'en,fr',
    '--first-year',
    '2031',
    '--outline',
    file('health.json', JSON.stringify(health)),
  ]);
  expect(created).toMatchObject({ code: 0, stderr: '' });

  file('water.json', JSON.stringify(sampleOutline('Water Resources', 1, 3, 3)));
  const csv = file(
    'catalogue.csv',
    [
      'code,title,subject,regions,target_countries,host_centre,languages,first_course_year,outline',
      'KCCP-2030-WAT-01,Non-Revenue Water Reduction,Water Resources,Africa,KE;TZ;GH,JICA Kansai,en,2030,water.json',
    ].join('\n'),
  );
  expect(await kccp(h.address, ['catalogue', 'import', csv])).toMatchObject({ code: 0 });
  // The workflows take the outline too: each answers its status query (a failing workflow task would not).
  for (const code of ['KCCP-2031-HLT-01', 'KCCP-2030-WAT-01']) expect((await h.status(code)).code).toBe(code);

  const out = path.join(dir, 'public');
  const published = await kccp(h.address, [
    '--json',
    'catalogue',
    'publish',
    '--fiscal-year',
    '2031',
    '--language',
    'ja',
    '--out',
    out,
  ]);
  expect(published.code).toBe(0);
  const result = json<{ courses: number; subjects: number; files: { pdf: string; html: string; csv: string } }>(
    published,
  );
  expect(result).toMatchObject({ courses: 2, subjects: 2 });
  expect(path.basename(result.files.pdf)).toBe('course-list-and-outline-JFY2031-ja.pdf');

  const rows = readFileSync(result.files.csv, 'utf8').trim().split('\r\n').slice(1);
  // Subjects in the program's order: Health before Water Resources; the water course is in its second cycle.
  expect(rows.map((r) => r.split(',').slice(0, 3))).toEqual([
    ['Health', '保健医療', 'KCCP-2031-HLT-01'],
    ['Water Resources', '水資源', 'KCCP-2030-WAT-01'],
  ]);
  expect(rows[1]).toContain('JFY2031 / 2');
  const text = (await pdfText(readFileSync(result.files.pdf))).replace(/\s+/g, ' ');
  expect(text).toContain('研修コース一覧・概要');
  expect(text).toContain(health.objectives[0]);
  expect(readFileSync(result.files.html, 'utf8')).toContain('<article id="KCCP-2031-HLT-01">');

  const earlier = await kccp(h.address, ['catalogue', 'publish', '--fiscal-year', '2030', '--out', out]);
  expect(earlier.code).toBe(0);
  expect(earlier.stdout).toContain('JFY2030 (en): 1 courses in 1 subjects');

  const bad = await kccp(h.address, ['catalogue', 'publish', '--fiscal-year', '2030', '--language', 'de']);
  expect(bad.code).not.toBe(0);
  expect(bad.stderr).toContain('"de" is not one of en, fr, es, ja');
});
