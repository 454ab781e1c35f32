/**
 * A government replaces a withdrawn participant with a new nominee before the course begins in
 * Japan (issue 16). The substitute is selected at once and answers the offer like anyone selected.
 */
import { z } from 'zod';
import { countryCodeSchema } from '../course';
import { MAX_NOMINEES_PER_CYCLE } from '../lifecycle/apply';
import {
  findParticipant,
  hostCentreList,
  moveParticipant,
  namedParticipant,
  newParticipant,
} from '../lifecycle/participants';
import { acceptanceLetters, joiningInstructions } from '../lifecycle/participant-documents';
import { NOTICE_LANGUAGES } from '../reference';
import { decisionBase, GENDERS, nomineeSchema, text, type Nominee } from './fields';
import { defineDecision, type Applied } from './module';

export const participantSubstitution = defineDecision({
  kind: 'participantSubstitution',
  schema: () =>
    z
      .object({
        ...decisionBase(),
        kind: z.literal('participantSubstitution'),
        country: countryCodeSchema,
        /** The withdrawn participant being replaced, named as in the selection. */
        replaces: text(200),
        /** The substitute's application form. */
        nominee: nomineeSchema(),
      })
      .strict(),
  acceptedIn: { phases: ['Selection', 'PreArrival'], window: 'preArrival' },
  accepts: (cycle) => cycle.selection !== undefined,
  precheck: 'phase',
  apply: (state, cycle, d, now): Applied => {
    const old = namedParticipant(cycle, 'replaces', d.country, d.replaces);
    if (typeof old === 'string') return old;
    const participants = cycle.participants!; // a participant was found in them
    if (old.status !== 'withdrawn') {
      return `invalid field: replaces: ${d.replaces} (${d.country}) is ${old.status}; only a withdrawn participant may be replaced`;
    }
    if (old.replacedBy)
      return `duplicate: replaces: ${d.replaces} (${d.country}) is already replaced by ${old.replacedBy}`;
    if (findParticipant(cycle, d.country, d.nominee.name)) {
      return `duplicate: nominee.name: ${d.nominee.name} is already a participant from ${d.country} in cycle ${cycle.cycle}`;
    }
    if (participants.length >= MAX_NOMINEES_PER_CYCLE) {
      return `invalid field: nominee: a cycle takes at most ${MAX_NOMINEES_PER_CYCLE} nominees in all`;
    }
    const by = { actor: d.actor, at: now };
    const substitute = newParticipant(d.country, d.nominee, 'nominated', by);
    moveParticipant(substitute, 'selected', by, `substitute for ${d.replaces}`);
    substitute.replaces = d.replaces;
    old.replacedBy = d.nominee.name;
    participants.push(substitute);
    cycle.selection!.participants[d.country] = [...(cycle.selection!.participants[d.country] ?? []), d.nominee.name];
    const summary = `${d.nominee.name} (${d.country}) replaces ${d.replaces}`;
    // The substitute has what everyone selected had: the letter, and the joining instructions once pre-arrival is open.
    const documents = [
      ...acceptanceLetters(state, cycle, [substitute]),
      ...joiningInstructions(state, cycle, [substitute]),
    ];
    return { summary, effects: [...hostCentreList(cycle, summary), ...documents] };
  },
  roles: ['course-officer'],
  cli: {
    command: 'substitute',
    description: 'record that a government replaces a withdrawn participant with a new nominee, before arrival',
    options: [
      { flags: '--country <code>', description: "the participants' country (ISO 3166-1 alpha-2)", required: true },
      {
        flags: '--replaces <name>',
        description: 'the withdrawn participant, as named in the selection',
        required: true,
      },
      { flags: '--name <name>', description: "the substitute's name, as on the application form", required: true },
      { flags: '--position <text>', description: 'position', required: true },
      { flags: '--organization <text>', description: 'organisation', required: true },
      { flags: '--email <address>', description: 'e-mail', required: true },
      { flags: '--gender <gender>', description: 'gender', choices: GENDERS },
      { flags: '--date-of-birth <date>', description: 'YYYY-MM-DD' },
      { flags: '--nationality <code>', description: 'ISO 3166-1 alpha-2' },
      { flags: '--years-of-experience <n>', description: 'years in the field', parse: 'integer' },
      { flags: '--language-proficiency <text>', description: 'e.g. "English: fluent"' },
      {
        flags: '--document-language <code>',
        description: "the language of the substitute's letters and certificate, when not the country's",
        choices: NOTICE_LANGUAGES,
      },
    ],
    examples: [
      'kccp substitute KCCP-2028-AGR-01 --country KE --replaces "John Kamau" --name "Mary Njeri" --position Agronomist --organization MoA --email mary@agri.example.ke',
    ],
    body: (flags) => {
      const optional: Partial<Nominee> = {};
      if (flags.gender) optional.gender = flags.gender as Nominee['gender'];
      if (flags.dateOfBirth) optional.dateOfBirth = flags.dateOfBirth as string;
      if (flags.nationality) optional.nationality = flags.nationality as string;
      if (flags.yearsOfExperience !== undefined) optional.yearsOfExperience = flags.yearsOfExperience as number;
      if (flags.languageProficiency) optional.languageProficiency = flags.languageProficiency as string;
      if (flags.documentLanguage) optional.documentLanguage = flags.documentLanguage as Nominee['documentLanguage'];
      return {
        country: flags.country as string,
        replaces: flags.replaces as string,
        nominee: {
          name: flags.name as string,
          position: flags.position as string,
          organization: flags.organization as string,
          email: flags.email as string,
          ...optional,
        },
      };
    },
  },
});
