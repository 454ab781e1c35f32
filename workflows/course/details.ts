/**
 * What operators see without opening a history: search attributes to filter
 * courses by (upserted only when they change) and current details (their
 * text is the domain's: domain/lifecycle/details.ts).
 */
import { setCurrentDetails, upsertSearchAttributes } from '@temporalio/workflow';
import type { CourseState } from '../../domain/lifecycle';
import { courseDetails, courseIndex } from '../../domain/lifecycle';
import { CourseCode, CourseCycle, CoursePhase, CourseSubject, FiscalYear } from '../search-attributes';

export class CourseDetails {
  private published = '';
  private publishedDetails = '';

  publish(state: CourseState): void {
    const index = courseIndex(state);
    const key = `${index.phase}/${index.cycle}/${index.fiscalYear}`;
    if (key !== this.published) {
      upsertSearchAttributes([
        { key: CourseCode, value: state.spec.code },
        { key: CourseSubject, value: state.spec.subject },
        { key: CoursePhase, value: index.phase },
        { key: CourseCycle, value: index.cycle },
        { key: FiscalYear, value: index.fiscalYear },
      ]);
      this.published = key;
    }
    const details = courseDetails(state);
    if (details !== this.publishedDetails) {
      setCurrentDetails(details);
      this.publishedDetails = details;
    }
  }
}
