/**
 * What staff record in each window of a seeded course's first cycle
 * (client/commands/seed-courses.ts plays them): every course has the same
 * stages, so a group of courses moves together; a stage may hold no decision
 * for a course (only cancelled courses are cancelled, only held ones report).
 */
import type { DecisionKind } from '../../domain/decisions';
import type { SeedCourse } from '../../domain/evaluation/seed-plan';

const nominees = (country: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    name: `Participant ${i + 1} of ${country}`,
    position: 'Officer',
    email: `p${i + 1}.${country.toLowerCase()}@gov.example`,
    organization: `Ministry (${country})`,
  }));

type Step = { kind: DecisionKind; body: Record<string, unknown> }[];

/** What staff record at each window of cycle 1, by the index of the step at which that window opens. */
export function seedStages(course: SeedCourse, fiscalYear: number): { at: number; name: string; decisions: Step }[] {
  const all = course.countries;
  return [
    {
      // The program rules require a plan before scrutiny: a cycle without one is not held.
      at: 0,
      name: 'formulation plan',
      decisions: [
        { kind: 'plan', body: { summary: `${course.subject}: the demo course's plan`, materialChange: false } },
      ],
    },
    {
      at: 1,
      name: 'scrutiny and request survey',
      decisions: [
        {
          kind: 'scrutiny',
          body: {
            result: 'pass',
            reasons: ['Japanese experience is relevant to the participating countries'],
            outsideExperts: [],
          },
        },
        ...all.map((c) => ({
          kind: 'surveyResponse' as const,
          body: { country: c.country, wantsToParticipate: true, expectedParticipants: c.participants },
        })),
      ],
    },
    {
      at: 2,
      name: 'MOFA determination',
      decisions: [
        { kind: 'mofaDetermination', body: { approved: true, reference: `MOFA-${fiscalYear}-${course.code}` } },
      ],
    },
    {
      at: 3,
      name: 'nominations',
      decisions: all.map((c) => ({
        kind: 'nominations' as const,
        body: {
          country: c.country,
          organizations: [`Ministry (${c.country})`],
          nominees: nominees(c.country, c.participants),
        },
      })),
    },
    {
      at: 4,
      name: 'selection',
      decisions: [
        {
          kind: 'selection',
          body: {
            participants: all.map((c) => ({
              country: c.country,
              nominees: nominees(c.country, c.participants).map((n) => n.name),
            })),
          },
        },
      ],
    },
    {
      // COVID-19 stopped courses after their participants were chosen: the cancellation tells the governments.
      at: 5,
      name: 'cancellations',
      decisions: course.cancelled ? [{ kind: 'cycleCancellation', body: { reason: course.cancelled.reason } }] : [],
    },
    {
      at: 6,
      name: 'implementation report',
      decisions: course.cancelled
        ? []
        : [
            {
              kind: 'implementationReport',
              body: {
                mode: course.mode,
                startedOn: `${fiscalYear}-07-01`,
                endedOn: `${fiscalYear}-07-19`,
                attendance: all.map((c) => ({ country: c.country, participants: c.participants })),
              },
            },
          ],
    },
  ];
}
