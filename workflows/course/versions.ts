/**
 * The workflow shapes a course run follows, read once when the run starts: each patch marks the
 * histories written since, so runs begun before keep their shape and still replay.
 */
import { patched } from '@temporalio/workflow';
import type { ProgramRules } from '../../domain/lifecycle';

/** Courses started before signed decisions existed never load keys: their histories have no such activity. */
const SIGNED_DECISIONS_PATCH = 'signed-decisions-v1';
/**
 * Runs begun since: signatures bind cycle and time, keys of ended cycles are kept, the roster
 * reloads when stale, decisions meet a byte budget, refusals bar one notice kind, countries are
 * checked against the directory.
 */
const INTEGRITY_PATCH = 'record-integrity-v1';
/**
 * Runs begun since apply the program's rules as the JICA page states them (domain/lifecycle/program-rules.ts,
 * issue 14). A course begun before switches at its next continue-as-new, i.e. when one of its cycles ends.
 */
const PROGRAM_RULES_PATCH = 'program-rules-v1';
/**
 * Runs begun since send participants their documents: acceptance letters, joining instructions,
 * certificates and the action-plan follow-up (issue 16). Read only under program-rules-v1, after it,
 * so histories written before meet the same calls; a course switches at its next continue-as-new.
 */
const PARTICIPANT_DOCUMENTS_PATCH = 'participant-documents-v1';

/**
 * Runs begun since judge a decision synchronously when the staff roster is loaded and fresh: no
 * awaits, so no promises. The SDK records a stack trace for every promise a workflow makes, and
 * those were a third of a decision's worker CPU (issue 20). Read last, under participant-documents-v1.
 */
const SYNC_DECISIONS_PATCH = 'sync-decisions-v1';

export interface RunVersions {
  integrity: boolean;
  signed: boolean;
  programRules: ProgramRules;
  /** The signature and course-check rules: v2 since record-integrity-v1. */
  rules: { version: 1 | 2 };
  /** sync-decisions-v1: a decision with its roster at hand is handled without awaiting. */
  syncDecisions: boolean;
}

/** In the order the patches have always been read, so every history's markers meet the same calls. */
export function readRunVersions(): RunVersions {
  const integrity = patched(INTEGRITY_PATCH);
  const programRulesOn = integrity && patched(PROGRAM_RULES_PATCH);
  const signed = patched(SIGNED_DECISIONS_PATCH);
  // Last, and only under the program rules: older histories never meet this call.
  const documents = programRulesOn && patched(PARTICIPANT_DOCUMENTS_PATCH);
  const syncDecisions = documents && patched(SYNC_DECISIONS_PATCH);
  const programRules: ProgramRules = documents ? 3 : programRulesOn ? 2 : 1;
  return { integrity, signed, programRules, rules: { version: integrity ? 2 : 1 }, syncDecisions };
}
