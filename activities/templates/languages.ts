/**
 * Names of a course's languages of instruction in the reader's language.
 * The names and the "and"/"or" joins come from the runtime's ICU data
 * (Intl.DisplayNames, Intl.ListFormat), which CLDR keeps for every language we
 * write in; a hand table would drift from it and miss the grammar of lists.
 */
import type { NoticeLanguage } from '../../domain/reference';

const displayNames = new Map<NoticeLanguage, Intl.DisplayNames>();

/** "English" / "anglais" / "inglés" / "英語". */
export function languageName(code: string, reader: NoticeLanguage): string {
  let names = displayNames.get(reader);
  if (!names) {
    names = new Intl.DisplayNames([reader], { type: 'language', fallback: 'code' });
    displayNames.set(reader, names);
  }
  return names.of(code) ?? code;
}

export interface LanguageWords {
  /** Every language of the course: "English and French" (it is taught in them). */
  all: string;
  /** Any one of them: "English or French" (a participant follows it in one). */
  any: string;
}

/** Intl formatters are costly to build and every message of a fan-out needs the same few: one per reader and kind. */
const listFormats = new Map<string, Intl.ListFormat>();
function listFormat(reader: NoticeLanguage, type: 'conjunction' | 'disjunction'): Intl.ListFormat {
  const key = `${reader}|${type}`;
  let format = listFormats.get(key);
  if (!format) {
    format = new Intl.ListFormat(reader, { type });
    listFormats.set(key, format);
  }
  return format;
}

/** The course's languages in the reader's words; undefined when the notice context does not carry them. */
export function languageWords(codes: readonly string[] | undefined, reader: NoticeLanguage): LanguageWords | undefined {
  if (!codes || codes.length === 0) return undefined;
  const names = [...new Set(codes)].map((c) => languageName(c, reader));
  return {
    all: listFormat(reader, 'conjunction').format(names),
    any: listFormat(reader, 'disjunction').format(names),
  };
}
