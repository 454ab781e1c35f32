/**
 * What one decision kind is, in one place: its schema, the phases and window
 * that take it, what it changes, who may sign it, and how the `kccp` command
 * offers it. domain/decisions/index.ts gathers the modules into the registry
 * from which the workflow, the staff rules and the client derive everything;
 * every field here is required, so a kind without roles or a CLI entry does
 * not compile.
 */
import type { z } from 'zod';
import type { CycleNumber } from '../calendar';
import type { WindowName } from '../course';
import type { CourseState, CyclePhase, CycleState, Effect } from '../lifecycle/types';
import type { StaffRole } from '../staff';

/** What an accepted decision changes, or a string: the rejection, naming the field or rule. */
export type Applied = { summary: string; effects: Effect[] } | string;

/** One `kccp` flag. Values are checked again by the decision's schema before anything is sent. */
export interface CliOption {
  /** As commander takes them, e.g. `--result <result>` or `--material-change`. */
  flags: string;
  description: string;
  required?: boolean;
  choices?: readonly string[];
  /** Each use adds one value to a list. */
  repeatable?: boolean;
  /** How a value is read: an integer, COUNTRY=N, or COUNTRY:NAME; text as given otherwise. */
  parse?: 'integer' | 'country-count' | 'country-person';
  /** The value names a file the client reads before building the decision (a course outline as JSON). */
  file?: 'outline';
}

/** The fields every decision carries, filled by `kccp` from --as, --key and --cycle. */
type BaseField = 'kind' | 'actor' | 'idempotencyKey' | 'cycle' | 'signature';

/** Flags as commander parsed them, by camel-cased name. */
export type CliFlags = Readonly<Record<string, unknown>>;

export type DecisionCli<Input> =
  | {
      /** `kccp <command> <code> [argument] --flags`: built from this entry by client/commands/decisions.ts. */
      command: string;
      description: string;
      /** A second positional argument after the course code. */
      argument?: { name: string; description: string };
      options: readonly CliOption[];
      examples: readonly string[];
      /** A line of help after the examples. */
      note?: string;
      /** The decision's own fields from the flags (and the argument). */
      body(flags: CliFlags, argument: string | undefined): Omit<Input, BaseField>;
      /** The cycle the argument names, when --cycle is not given. */
      cycleOf?(argument: string): CycleNumber | undefined;
    }
  | {
      /** Sent by a command of its own (CSV files, several decisions at once), registered by `registeredBy`. */
      command: string;
      registeredBy: string;
    };

export interface DecisionModule<K extends string, S extends z.ZodType> {
  kind: K;
  /** The schema, built on first use (see lazy.ts): a course that is only waiting never builds it. */
  schema: () => S;
  /** Phases in which the decision is accepted, and the window staff are told about when it is not. */
  acceptedIn: { phases: readonly CyclePhase[]; window: WindowName };
  /** A condition on the cycle beyond its phase, e.g. the survey still open. */
  accepts?: (cycle: CycleState, decision: z.output<S>) => boolean;
  /**
   * What `kccp` can judge from the course status before sending: the phase, the phase and the
   * window open, or nothing (only the workflow can tell, e.g. a fiscal year or a delivery problem).
   */
  precheck: 'phase' | 'open-window' | 'none';
  /** What an accepted decision changes in its cycle; a string is a rejection. */
  apply: (state: CourseState, cycle: CycleState, decision: z.output<S>, now: number) => Applied;
  /** Staff roles whose keys may sign it (domain/staff.ts). */
  roles: readonly StaffRole[];
  cli: DecisionCli<z.input<S>>;
}

/** Declares a decision kind; the schema's types flow into `accepts`, `apply` and `cli`. */
export function defineDecision<K extends string, S extends z.ZodType>(
  module: DecisionModule<K, S>,
): DecisionModule<K, S> {
  return module;
}
