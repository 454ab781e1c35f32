/**
 * What each notice kind needs beyond the course context. Missing data is a bug
 * in the caller, not a relay problem: it fails the activity without retries so
 * staff see it, instead of telling a government something false (e.g. "none of
 * your nominees was selected" because the list was not passed).
 */
import { ApplicationFailure } from '@temporalio/activity';
import { z } from 'zod';
import { WINDOW_NAMES } from '../domain/course';
import { courseOutlineSchema } from '../domain/course-outline';
import { instantSchema } from '../domain/course';
import { NOTICE_LANGUAGES } from '../domain/reference';
import { NOTICE_KINDS, STAFF_OFFICES, type CountryNoticeRequest, type StaffReminderRequest } from './contracts';
import { FAILURE } from '../domain/failures';

const windowSchema = z.object({ opens: instantSchema, closes: instantSchema });
const contextSchema = z.object({
  course: z.object({
    code: z.string().min(1),
    title: z.string().min(1),
    subject: z.string().min(1),
    hostCentre: z.string().min(1),
    // Optional: contexts stored before the workflow passed the languages still render (see contracts.ts).
    languages: z.array(z.enum(NOTICE_LANGUAGES)).min(1, 'name at least one language of instruction').optional(),
    outline: courseOutlineSchema.optional(),
  }),
  cycle: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  fiscalYear: z.number().int().min(2000).max(2100),
  windows: z.partialRecord(z.enum(WINDOW_NAMES), windowSchema),
  mode: z.enum(['in-person', 'online', 'hybrid']),
});
const detailSchema = z.union([z.string(), z.number(), z.array(z.string())]);

const requestSchema = z
  .object({
    context: contextSchema,
    kind: z.enum(NOTICE_KINDS),
    countries: z.array(z.string().regex(/^[A-Z]{2}$/, 'an ISO alpha-2 code in capitals')),
    details: z.record(z.string(), z.record(z.string(), detailSchema)).optional(),
    facts: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  })
  .superRefine((r, ctx) => {
    if (r.kind === 'general-information' && !r.context.windows.nominations) {
      ctx.addIssue({
        code: 'custom',
        path: ['context', 'windows', 'nominations'],
        message: 'the GI package needs the nominations window: its close is the deadline',
      });
    }
    // A survey notice names the survey's close, a nomination reminder the nominations' close: neither may be blank.
    const needs: Partial<Record<string, 'requestSurvey' | 'nominations'>> = {
      'survey-invitation': 'requestSurvey',
      'survey-reminder': 'requestSurvey',
      'survey-final-reminder': 'requestSurvey',
      'nomination-reminder': 'nominations',
      'nomination-final-reminder': 'nominations',
    };
    const window = needs[r.kind];
    if (window && !r.context.windows[window]) {
      ctx.addIssue({
        code: 'custom',
        path: ['context', 'windows', window],
        message: `a ${r.kind} notice needs the ${window} window: its close is the date it asks for`,
      });
    }
    if (r.kind === 'cycle-not-held' && !(typeof r.facts?.reason === 'string' && r.facts.reason.trim())) {
      ctx.addIssue({
        code: 'custom',
        path: ['facts', 'reason'],
        message: 'a cycle-not-held notice must say why',
      });
    }
    const staffReason = r.facts?.staffReason;
    if (r.kind === 'cycle-not-held' && staffReason !== undefined && typeof staffReason !== 'string') {
      ctx.addIssue({
        code: 'custom',
        path: ['facts', 'staffReason'],
        message: "the staff's reason for a cancellation is their words, a string",
      });
    }
    if (r.kind === 'selection-result') {
      for (const country of r.countries) {
        if (!Array.isArray(r.details?.[country]?.selected)) {
          ctx.addIssue({
            code: 'custom',
            path: ['details', country, 'selected'],
            message: 'the selection result needs the list of selected participants (empty when none)',
          });
        }
      }
    }
  });

const reminderSchema = z.object({
  context: contextSchema,
  office: z.enum(STAFF_OFFICES),
  subject: z.string().min(1),
  deadline: instantSchema.optional(),
  reminderKey: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, dot, dash or underscore'),
  facts: z.record(z.string(), detailSchema).optional(),
});

function invalid(what: string, error: z.ZodError): never {
  const lines = error.issues.map((i) => `${i.path.join('.') || '(request)'}: ${i.message}`);
  throw ApplicationFailure.nonRetryable(`${what} is invalid: ${lines.join('; ')}`, FAILURE.InvalidNoticeData);
}

export function checkNoticeRequest(request: CountryNoticeRequest): void {
  const r = requestSchema.safeParse(request);
  if (!r.success) invalid(`${request.kind ?? 'notice'} request`, r.error);
}

export function checkReminderRequest(request: StaffReminderRequest): void {
  const r = reminderSchema.safeParse(request);
  if (!r.success) invalid('staff reminder', r.error);
}
