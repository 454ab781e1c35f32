/**
 * Contacts are checked at worker start: the shipped files load, and a broken
 * one is rejected with the file, the row (index and country) and the field.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ContactFileError, loadCountryDirectory, loadStaffRoster } from '../../activities/directory';
import { STAFF_OFFICES } from '../../activities/contracts';
import {
  ELIGIBLE_COUNTRIES,
  ELIGIBLE_COUNTRY_CODES,
  countryInfo,
  isEligibleCountry,
  regionOf,
} from '../../domain/countries';
import { REGIONS } from '../../domain/reference';

const dir = mkdtempSync(path.join(tmpdir(), 'kccp-directory-'));
const write = (name: string, content: unknown) => {
  const file = path.join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
};

test('the shipped directory has a placeholder contact for every eligible country, and the roster one for every office', () => {
  const directory = loadCountryDirectory();
  expect([...directory.codes].sort()).toEqual([...ELIGIBLE_COUNTRY_CODES]);
  expect(directory.entry('KE')?.addresses).toEqual(['kccp@gov-ke.example']);
  const roster = loadStaffRoster();
  expect(Object.keys(roster).sort()).toEqual([...STAFF_OFFICES].sort());
});

test('every eligible country has a region among the program six and a notice language', () => {
  expect(ELIGIBLE_COUNTRY_CODES.length).toBeGreaterThanOrEqual(130);
  for (const info of Object.values(ELIGIBLE_COUNTRIES)) expect(REGIONS).toContain(info.region);
  expect(new Set(Object.values(ELIGIBLE_COUNTRIES).map((c) => c.region))).toEqual(new Set(REGIONS));
  expect(countryInfo('SN')).toMatchObject({
    name: 'Senegal',
    region: 'Africa',
    language: 'fr',
  });
  expect(regionOf('PE')).toBe('Latin America & the Caribbean');
  expect(regionOf('GE')).toBe('East & Central Asia and the Caucasus');
  expect(isEligibleCountry('JP')).toBe(false);
  expect(isEligibleCountry('FR')).toBe(false);
});

test('a broken directory is rejected naming the file, the row and the field', () => {
  const file = write('broken-directory.json', {
    countries: [
      { code: 'KE', addresses: ['kccp@gov-ke.example'] },
      { code: 'SN', addresses: ['not-an-address'] },
      { code: 'SN', addresses: [] },
    ],
  });
  expect(() => loadCountryDirectory(file)).toThrow(ContactFileError);
  expect(() => loadCountryDirectory(file)).toThrow(`${file}: row 1 (SN), field addresses.0`);

  const duplicate = write('duplicate.json', {
    countries: [
      { code: 'KE', addresses: [] },
      { code: 'KE', addresses: [] },
    ],
  });
  expect(() => loadCountryDirectory(duplicate)).toThrow('row 1 (KE), field code: duplicate of row 0');

  const foreign = write('foreign.json', {
    countries: [{ code: 'FR', addresses: [], language: 'de' }],
  });
  expect(() => loadCountryDirectory(foreign)).toThrow(/row 0 \(FR\), field code: not an eligible country/);
  expect(() => loadCountryDirectory(foreign)).toThrow(/row 0 \(FR\), field language/);

  expect(() => loadCountryDirectory(write('not-json.json', '{ countries: '))).toThrow(
    /not-json\.json: is not valid JSON/,
  );
  expect(() => loadCountryDirectory(path.join(dir, 'missing.json'))).toThrow(/missing\.json: cannot be read/);
});

test('a roster missing an office is rejected naming the office', () => {
  const offices = Object.fromEntries(
    STAFF_OFFICES.filter((o) => o !== 'survey-desk').map((o) => [o, { addresses: [`${o}@x.example`] }]),
  );
  const file = write('roster.json', { offices });
  expect(() => loadStaffRoster(file)).toThrow(`${file}: office survey-desk`);
});
