import type { NoticeContext } from '../../../activities/contracts';
import { parseCountryDirectory, parseStaffRoster } from '../../../activities/directory';
import { STAFF_OFFICES } from '../../../activities/contracts';

export const NOMINATION_DEADLINE = '2027-02-26T17:00:00+09:00';

export const context: NoticeContext = {
  course: {
    code: 'KCCP-2027-AGR-01',
    title: 'Irrigated Rice Cultivation for Smallholders',
    subject: 'Agricultural Development',
    hostCentre: 'JICA Tsukuba',
  },
  cycle: 1,
  fiscalYear: 2027,
  mode: 'in-person',
  windows: {
    nominations: {
      opens: '2027-01-11T00:00:00+09:00',
      closes: NOMINATION_DEADLINE,
    },
    selection: {
      opens: '2027-03-01T00:00:00+09:00',
      closes: '2027-03-31T00:00:00+09:00',
    },
    inJapan: {
      opens: '2027-06-07T00:00:00+09:00',
      closes: '2027-07-16T00:00:00+09:00',
    },
  },
};

export const address = (code: string) => `kccp@gov-${code.toLowerCase()}.example`;

/** A directory of the given countries; `overrides` replaces rows, e.g. a language or an empty address list. */
export function directoryOf(codes: string[], overrides: Record<string, object> = {}) {
  return parseCountryDirectory({
    countries: codes.map((code) => ({
      code,
      authority: 'Ministry of Foreign Affairs',
      addresses: [address(code)],
      ...overrides[code],
    })),
  });
}

export const roster = parseStaffRoster({
  offices: Object.fromEntries(STAFF_OFFICES.map((o) => [o, { addresses: [`${o}@kccp.jica.example`] }])),
});

export const FROM = 'JICA KCCP <kccp@kccp.jica.example>';
