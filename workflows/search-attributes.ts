/**
 * Typed keys of the course search attributes (names from domain/reference.ts).
 * Only codes, phases and years go here: search attributes are not encrypted by
 * a payload codec, so no personal data ever does.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const CourseCode = defineSearchAttributeKey('CourseCode', SearchAttributeType.KEYWORD);
export const CoursePhase = defineSearchAttributeKey('CoursePhase', SearchAttributeType.KEYWORD);
export const CourseCycle = defineSearchAttributeKey('CourseCycle', SearchAttributeType.INT);
export const FiscalYear = defineSearchAttributeKey('FiscalYear', SearchAttributeType.INT);
export const CourseSubject = defineSearchAttributeKey('CourseSubject', SearchAttributeType.KEYWORD);
