/**
 * The eligible countries by program region, as plain data: the workflow
 * sandbox checks a course's countries against it without loading the ISO
 * names (domain/countries.ts adds those, outside workflows).
 */
import type { Region } from './reference';

/** ISO 3166-1 alpha-2 codes of the eligible countries, by the program region that serves them. */
// prettier-ignore
export const COUNTRIES_BY_REGION: Readonly<Record<Region, readonly string[]>> = {
  Africa: [
    'AO', 'BJ', 'BW', 'BF', 'BI', 'CV', 'CM', 'CF', 'TD', 'KM', 'CG', 'CD', 'CI', 'DJ', 'GQ', 'ER',
    'SZ', 'ET', 'GA', 'GM', 'GH', 'GN', 'GW', 'KE', 'LS', 'LR', 'MG', 'MW', 'ML', 'MR', 'MU', 'MZ',
    'NA', 'NE', 'NG', 'RW', 'ST', 'SN', 'SC', 'SL', 'SO', 'ZA', 'SS', 'SD', 'TZ', 'TG', 'UG', 'ZM',
    'ZW',
  ],
  'Southeast Asia & Pacific': [
    'KH', 'ID', 'LA', 'MY', 'MM', 'PH', 'TH', 'VN', 'TL', 'FJ', 'KI', 'MH', 'FM', 'NR', 'PW', 'PG',
    'WS', 'SB', 'TO', 'TV', 'VU', 'NU', 'CK',
  ],
  'Latin America & the Caribbean': [
    'AR', 'BO', 'BR', 'CO', 'CR', 'CU', 'DO', 'EC', 'SV', 'GT', 'HN', 'MX', 'NI', 'PA', 'PY', 'PE',
    'VE', 'CL', 'UY', 'BZ', 'DM', 'GD', 'GY', 'HT', 'JM', 'LC', 'VC', 'SR', 'AG', 'KN', 'TT', 'BB',
  ],
  'South Asia': [
    'AF', 'BD', 'BT', 'IN', 'MV', 'NP', 'PK', 'LK',
  ],
  'Middle East & Europe': [
    'DZ', 'EG', 'LY', 'MA', 'TN', 'IQ', 'IR', 'JO', 'LB', 'PS', 'SY', 'YE', 'TR', 'AL', 'BA', 'XK',
    'ME', 'MK', 'RS', 'UA', 'MD', 'BY',
  ],
  'East & Central Asia and the Caucasus': [
    'CN', 'MN', 'KZ', 'KG', 'TJ', 'TM', 'UZ', 'AM', 'AZ', 'GE',
  ],
};

const ELIGIBLE_CODES: ReadonlySet<string> = new Set(Object.values(COUNTRIES_BY_REGION).flat());

/** True for a country the program may offer courses to. */
export function isEligibleCountryCode(code: string): boolean {
  return ELIGIBLE_CODES.has(code);
}
