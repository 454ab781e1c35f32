/**
 * The words of the printed documents (GI package, Course List and Outline) per
 * language: headings, labels and the names of subjects and regions. Window and
 * mode names come from the notice messages (../../templates/messages), so a
 * mail and its PDF say the same thing.
 */
import type { Region, Subject } from '../../../domain/reference';

export interface DocumentWords {
  agency: string;
  programme: string;
  giTitle: string;
  /** Title page lead: what the document is for. */
  giIntro: string;
  /** "Course List and Outline"; the fiscal year follows it. */
  catalogueTitle: string;
  catalogueIntro: string;
  /** "Japanese fiscal year 2020" / "2020年度". */
  fiscalYear(year: number): string;
  /** Between the items of a list of names: ", " / "、". */
  separator: string;
  subjects: Record<Subject, string>;
  regions: Record<Region, string>;
  sections: {
    outline: string;
    objectives: string;
    outputs: string;
    curriculum: string;
    eligibility: string;
    howToApply: string;
    keyDates: string;
    contact: string;
    contents: string;
  };
  labels: {
    code: string;
    regions: string;
    countries: string;
    totalDuration: string;
    participants: string;
    targetOrganisations: string;
    targetPositions: string;
    partners: string;
    module: string;
    content: string;
    method: string;
    duration: string;
    total: string;
    email: string;
    phone: string;
    courses: string;
  };
  /** "12 days"; `n` may be a half, e.g. 1.5. */
  days(n: number): string;
  /** "3 per country, 18 in total". */
  participants(perCountry: number, total: number): string;
  /** Said where a course has no outline yet (created before outlines). */
  noOutline: string;
}
