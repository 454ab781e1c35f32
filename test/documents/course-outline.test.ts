/** The outline in the course record: checked field by field, from `course create --outline` and the catalogue CSV. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { catalogueSpecs } from '../../client/commands/catalogue';
import { specFromFlags } from '../../client/commands/course';
import { checkSpec } from '../../client/course-start';
import { describeRowProblem } from '../../client/csv';
import { sampleOutline } from '../../domain/sample-outlines';

const dir = mkdtempSync(path.join(os.tmpdir(), 'kccp-outline-'));
const write = (name: string, content: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
};
const course = {
  code: 'KCCP-2030-DRR-01',
  title: 'Community-Based Disaster Risk Reduction',
  subject: 'Disaster Risk Reduction',
  targetCountries: ['KE', 'PE', 'VN'],
  hostCentre: 'JICA Kansai',
  firstCourseYear: 2030,
};
const outline = sampleOutline('Disaster Risk Reduction', 0, 3);

test('a course spec keeps its outline, and a spec without one still parses', () => {
  const withOutline = checkSpec({ ...course, outline });
  expect(withOutline.ok && withOutline.spec.outline?.modules.map((m) => m.title)).toEqual(
    outline.modules.map((m) => m.title),
  );
  const without = checkSpec(course);
  expect(without.ok && without.spec.outline).toBeUndefined();
});

test.each([
  [{ objectives: [] }, 'outline.objectives: at least 1 needed'],
  [{ contact: { name: 'JICA Kansai', email: 'not-an-address' } }, 'outline.contact.email: an e-mail address'],
  [
    { participants: { perCountry: 4, total: 2 } },
    'outline.participants.total: the total is at least the participants per country',
  ],
  [{ totalDays: 5 }, "outline.totalDays: the modules last 16 days, more than the course's 5"],
  [{ modules: [{ ...outline.modules[0]!, days: 0.3 }] }, 'outline.modules.0.days: days in halves, e.g. 1.5'],
  [{ venue: 'Kobe' }, 'outline: Unrecognized key: "venue"'],
  [
    { translations: { fr: { modules: [{ title: 'Atelier', content: 'Plan d’action', method: 'atelier' }] } } },
    "outline.translations.fr.modules: translate every module: 5, in the outline's order (1 given)",
  ],
  [{ translations: { de: { title: 'Katastrophenvorsorge' } } }, 'outline.translations: Unrecognized key: "de"'],
])('a wrong outline is refused naming its field: %j', (change, reason) => {
  const check = checkSpec({ ...course, outline: { ...outline, ...change } });
  expect(check.ok).toBe(false);
  expect(!check.ok && check.reason).toContain(reason);
});

test('course create reads --outline from a JSON file, and names the flag when the file is not JSON', () => {
  const spec = specFromFlags({
    code: course.code,
    countries: 'KE,PE',
    outline: write('o.json', JSON.stringify(outline)),
  });
  expect(spec.outline).toEqual(outline);
  expect(() => specFromFlags({ outline: write('bad.json', '{ objectives: ') })).toThrow(
    /--outline: the outline .*bad\.json is not JSON/,
  );
});

test('the catalogue CSV takes an outline file beside it, and names the column of a wrong outline', () => {
  write('good.json', JSON.stringify(outline));
  write('bad.json', JSON.stringify({ ...outline, targetPositions: [] }));
  const csv = write(
    'catalogue.csv',
    [
      'code,title,subject,target_countries,host_centre,first_course_year,outline',
      'KCCP-2030-DRR-01,Community-Based DRR,Disaster Risk Reduction,KE;PE;VN,JICA Kansai,2030,good.json',
      'KCCP-2030-DRR-02,Urban DRR,Disaster Risk Reduction,KE;PE;VN,JICA Kansai,2030,bad.json',
      'KCCP-2030-DRR-03,Coastal DRR,Disaster Risk Reduction,KE;PE;VN,JICA Kansai,2030,missing.json',
      'KCCP-2030-DRR-04,River DRR,Disaster Risk Reduction,KE;PE;VN,JICA Kansai,2030,',
    ].join('\n'),
  );
  const { good, bad } = catalogueSpecs(csv, {});
  expect(good.map((g) => [g.value.code, g.value.outline?.objectives[0]])).toEqual([
    ['KCCP-2030-DRR-01', outline.objectives[0]],
    ['KCCP-2030-DRR-04', undefined],
  ]);
  expect(bad.map(describeRowProblem)).toEqual([
    expect.stringMatching(/^line 3, field "outline": outline\.targetPositions: at least 1 needed/),
    expect.stringMatching(/^line 4, field "outline": cannot read the outline .*missing\.json/),
  ]);
});
