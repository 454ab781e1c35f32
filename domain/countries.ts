/**
 * Countries that may be offered KCCP courses: the ODA recipients of the DAC
 * list, and the few recent graduates that JICA still invites to group courses
 * (cost-sharing), grouped into the program's six regions. Codes and names come from
 * i18n-iso-countries; which region a country belongs to and which language its
 * government reads notices in is this program's own data.
 */
import isoCountries from 'i18n-iso-countries';
import { COUNTRIES_BY_REGION } from './country-regions';
import type { NoticeLanguage, Region } from './reference';

/** Governments that read notices in French or Spanish; every other one reads English unless its directory row asks for Japanese. */
// prettier-ignore
const FRENCH_READING = new Set([
  'BJ', 'BF', 'BI', 'CM', 'CF', 'TD', 'KM', 'CG', 'CD', 'CI', 'DJ', 'GA', 'GN', 'MG', 'ML', 'MR',
  'NE', 'SN', 'TG', 'DZ', 'MA', 'TN', 'HT',
]);
// prettier-ignore
const SPANISH_READING = new Set([
  'AR', 'BO', 'CL', 'CO', 'CR', 'CU', 'DO', 'EC', 'SV', 'GT', 'HN', 'MX', 'NI', 'PA', 'PY', 'PE',
  'UY', 'VE', 'GQ',
]);

export interface CountryInfo {
  code: string;
  /** English short name, as i18n-iso-countries gives it. */
  name: string;
  region: Region;
  /** Default language of notices; the directory may override it per government. */
  language: NoticeLanguage;
}

function buildEligibleCountries(): Readonly<Record<string, CountryInfo>> {
  const byCode: Record<string, CountryInfo> = {};
  for (const [region, codes] of Object.entries(COUNTRIES_BY_REGION) as [Region, readonly string[]][]) {
    for (const code of codes) {
      const name = isoCountries.getName(code, 'en', { select: 'official' });
      // A typo in the tables above must fail at import, not as a notice to nowhere.
      if (!name) throw new Error(`domain/countries: ${code} is not an ISO 3166-1 alpha-2 code`);
      if (byCode[code]) throw new Error(`domain/countries: ${code} is listed in two regions`);
      const language: NoticeLanguage = FRENCH_READING.has(code) ? 'fr' : SPANISH_READING.has(code) ? 'es' : 'en';
      byCode[code] = Object.freeze({ code, name, region, language });
    }
  }
  return Object.freeze(byCode);
}

/** Eligible country code → name, region and default notice language. */
export const ELIGIBLE_COUNTRIES: Readonly<Record<string, CountryInfo>> = buildEligibleCountries();

export const ELIGIBLE_COUNTRY_CODES: readonly string[] = Object.freeze(Object.keys(ELIGIBLE_COUNTRIES).sort());

export function isEligibleCountry(code: string): boolean {
  return Object.prototype.hasOwnProperty.call(ELIGIBLE_COUNTRIES, code);
}

export function countryInfo(code: string): CountryInfo | undefined {
  return isEligibleCountry(code) ? ELIGIBLE_COUNTRIES[code] : undefined;
}

export function regionOf(code: string): Region | undefined {
  return countryInfo(code)?.region;
}

/** Eligible countries of the given regions, sorted by code. */
export function countriesInRegions(regions: readonly Region[]): string[] {
  return regions.flatMap((region) => [...COUNTRIES_BY_REGION[region]]).sort();
}

/** A country's short name in a notice language; falls back to English, then to the code. */
export function countryName(code: string, language: NoticeLanguage): string {
  return isoCountries.getName(code, language, { select: 'official' }) ?? isoCountries.getName(code, 'en') ?? code;
}
