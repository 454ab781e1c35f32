/** The participants of a cycle as the course records them, and what it sends them (issue 16). */
import type { Nominee } from '../decisions';
import type { NoticeLanguage } from '../reference';
import type { Recorded } from './types';

/**
 * A participant's status: nominated → selected | not-selected → accepted | declined | withdrawn →
 * attended → completed. not-selected, declined, withdrawn and completed are terminal.
 */
export const PARTICIPANT_STATUSES = [
  'nominated',
  'selected',
  'not-selected',
  'accepted',
  'declined',
  'withdrawn',
  'attended',
  'completed',
] as const;
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];

export interface Participant {
  country: string;
  /** The application form as the government sent it; personal data, so only in payloads the codec encrypts. */
  form: Nominee;
  status: ParticipantStatus;
  /** Every status it has had, oldest first, with who set it and why. */
  history: ({ status: ParticipantStatus; note?: string } & Recorded)[];
  /** A substitute names the withdrawn participant it replaces, who names it back. */
  replaces?: string;
  replacedBy?: string;
  /** The action-plan follow-up after return (participant-documents-v1): when it was asked for and when it came back. */
  actionPlan?: { requestedAt: number; receivedAt?: number };
  /** Documents this participant received (participant-documents-v1): kind → Message-ID and when it went. */
  documents?: Partial<Record<ParticipantDocument, { messageId: string; at: number }>>;
}

/**
 * What the yearly evaluation's rates count of one cycle's participant records. "Ever" counts read
 * the status history, so a participant who accepted and then withdrew still counts as accepted.
 */
export interface ParticipantFigures {
  /** Ever selected (substitutes included). */
  selected: number;
  /** Ever accepted a place (a participant who came without a recorded acceptance is taken as accepted). */
  accepted: number;
  /** Withdrawn after selection, before or instead of attending. */
  withdrawn: number;
  completed: number;
  /** Participants asked for an action plan after return, and those whose plan came back. */
  actionPlansRequested: number;
  actionPlansReceived: number;
}

/**
 * What the course sends a participant (participant-documents-v1): the acceptance letter (PDF) at
 * selection, joining instructions when pre-arrival opens, the certificate of completion (PDF) after
 * the implementation report, and the action-plan request and its two reminders after return.
 */
export const PARTICIPANT_DOCUMENTS = [
  'acceptance-letter',
  'joining-instructions',
  'certificate',
  'action-plan-request',
  'action-plan-reminder',
  'action-plan-final-reminder',
] as const;
export type ParticipantDocument = (typeof PARTICIPANT_DOCUMENTS)[number];

/** A participant as a document addresses them: who, where to, and the key their delivery is recorded under. */
export interface DocumentRecipient {
  /** `<country>:<name>`: unique in a cycle, the key of the delivery record and of the Message-ID. */
  key: string;
  country: string;
  name: string;
  email: string;
  organization: string;
  position: string;
  /** The form's document language, when it differs from the country's. */
  language?: NoticeLanguage;
}

/** One line of the host centre's participant list: who is expected in Japan, no contact details. */
export interface HostCentreRow {
  country: string;
  name: string;
  organization: string;
  status: ParticipantStatus;
}
