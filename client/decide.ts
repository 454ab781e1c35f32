/**
 * One decision, from flags to the workflow's answer: parse with the domain's
 * schema, check the course exists and is in a phase that takes it, send it as
 * the update the workflow defines, print what the workflow said.
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { Option, type Command } from 'commander';
import { courseCalendar, type CycleNumber } from '../domain/calendar';
import {
  DECISIONS,
  decisionSchemas,
  describeIssues,
  type DecisionInputOf,
  type DecisionKind,
  type DecisionOf,
} from '../domain/decisions';
import { ACCEPTED_IN, type CourseStatus, type CycleStatus } from '../domain/lifecycle';
import { updateOf, type DecisionAnswer } from '../workflows/messages';
import {
  checkCourseCode,
  openRunningCourse,
  queryStatus,
  readCourseSpec,
  unknownCourse,
  type OpenCourse,
} from './course-access';
import { globalOptions, newIdempotencyKey, resolveActor, withClient } from './context';
import { badInput, refused } from './errors';
import { print, printJson, tokyo } from './output';
import { activeSigningKey, signed } from './signing';
import { parseCycle } from './parsers';

export interface DecisionFlags {
  as?: string;
  key?: string;
  cycle?: CycleNumber;
}

/** --as, --key and --cycle: what every decision command takes. */
export function withDecisionOptions(command: Command): Command {
  return command
    .option('--as <actor>', 'who records the decision (default: $KCCP_ACTOR, then the OS user)')
    .option(
      '--key <idempotency-key>',
      'idempotency key, 8–128 of A-Z a-z 0-9 . _ : - (default: a new one); the same key counts once',
    )
    .addOption(
      new Option('--cycle <n>', 'cycle the decision is for (default: the one whose window takes it now)').argParser(
        parseCycle,
      ),
    );
}

type Body<K extends DecisionKind> = Omit<DecisionInputOf<K>, 'kind' | 'actor' | 'idempotencyKey' | 'cycle'>;

/** The decision as the workflow will parse it, or exit 2 naming each field that is wrong. */
export function buildDecision<K extends DecisionKind>(
  kind: K,
  body: Body<K>,
  flags: DecisionFlags,
  key = flags.key ?? newIdempotencyKey(kind),
): DecisionOf<K> {
  const input = {
    ...body,
    kind,
    actor: resolveActor(flags.as),
    idempotencyKey: key,
    ...(flags.cycle ? { cycle: flags.cycle } : {}),
  };
  const parsed = decisionSchemas[kind].safeParse(input);
  if (!parsed.success) throw badInput(`invalid ${kind} decision: ${describeIssues(parsed.error)}`);
  return parsed.data as DecisionOf<K>;
}

/** Why the course cannot take this decision now, judged from its status; the workflow still has the final word. */
export function phaseProblem(status: CourseStatus, kind: DecisionKind, cycle?: CycleNumber): string | undefined {
  // What the status can tell is the decision module's `precheck` (domain/decisions/).
  if (DECISIONS[kind].precheck === 'none') return undefined;
  const { phases } = ACCEPTED_IN[kind];
  const candidates = status.cycles.filter((c) => !cycle || c.cycle === cycle);
  if (candidates.some((c) => takesNow(c, kind))) return undefined;
  const where = status.cycles.map((c) => `cycle ${c.cycle} is ${c.phase}`).join(', ') || 'no cycle is running';
  return `wrong phase: course ${status.code} takes a ${kind} decision in ${phases.join('/')}${cycle ? ` (cycle ${cycle})` : ''}; now ${where}`;
}

/** The cycle whose phase takes this decision now: a signature names it, so that it cannot be moved to another. */
export function cycleTaking(status: CourseStatus, kind: DecisionKind): CycleNumber | undefined {
  return status.cycles.find((c) => takesNow(c, kind))?.cycle;
}

/** Whether the cycle's phase (and, when the module says so, its open window) takes this kind now. */
function takesNow(cycle: CycleStatus, kind: DecisionKind): boolean {
  const { phases, window } = ACCEPTED_IN[kind];
  const windowOpen = DECISIONS[kind].precheck !== 'open-window' || cycle.openWindows.some((w) => w.window === window);
  return phases.includes(cycle.phase) && windowOpen;
}

/** Where the decision's window opens next, to say when to come back. */
async function nextWindowHint(client: Client, course: OpenCourse, kind: DecisionKind): Promise<string[]> {
  try {
    const { window } = ACCEPTED_IN[kind];
    const now = Date.now();
    const next = courseCalendar(await readCourseSpec(client, course)).find(
      (c) => Date.parse(c.windows[window].opens) > now,
    );
    return next
      ? [
          `The ${window} window of cycle ${next.cycle} (JFY${next.fiscalYear}) opens ${tokyo(next.windows[window].opens)}.`,
        ]
      : [];
  } catch {
    return [];
  }
}

export type SendOutcome = { accepted: true; answer: DecisionAnswer } | { accepted: false; reason: string };

/**
 * Sends one decision. A signed decision must name its cycle: when the command did not, it is the
 * one the course's status (given, or queried now) shows taking this kind of decision.
 */
export async function sendDecision<K extends DecisionKind>(
  client: Client,
  course: OpenCourse,
  decision: DecisionOf<K>,
  status?: CourseStatus,
): Promise<SendOutcome> {
  let bound: DecisionOf<K> = decision;
  if (activeSigningKey() && decision.cycle === undefined) {
    const cycle = cycleTaking(status ?? (await queryStatus(client, course)), decision.kind);
    if (cycle === undefined)
      return {
        accepted: false,
        reason:
          phaseProblem(status ?? (await queryStatus(client, course)), decision.kind) ??
          `no cycle of course ${course.code} takes a ${decision.kind} decision now`,
      };
    bound = { ...decision, cycle };
  }
  try {
    // No updateId from the idempotency key: the server would replay the first answer, and staff
    // should hear from the workflow itself that a repeat was already recorded.
    const answer = await course.handle.executeUpdate(updateOf(decision.kind), {
      args: [signed(course.code, bound)],
    });
    return { accepted: true, answer };
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError)
      return { accepted: false, reason: error.cause?.message ?? error.message };
    if (error instanceof WorkflowNotFoundError) throw unknownCourse(client, course.code);
    throw error;
  }
}

export function describeAnswer(answer: DecisionAnswer): string {
  return answer.duplicate
    ? `already recorded: ${answer.message} (same idempotency key; nothing changed)`
    : `accepted: ${answer.message}`;
}

/** The whole of a single-decision command. */
export async function recordDecision<K extends DecisionKind>(
  command: Command,
  code: string,
  kind: K,
  body: Body<K>,
  flags: DecisionFlags,
): Promise<void> {
  checkCourseCode(code);
  const decision = buildDecision(kind, body, flags);
  const options = globalOptions(command);
  await withClient(options, async (client) => {
    const course = await openRunningCourse(client, code);
    const status = await queryStatus(client, course);
    const problem = phaseProblem(status, kind, decision.cycle);
    if (problem) throw refused(problem, await nextWindowHint(client, course, kind));
    const outcome = await sendDecision(client, course, decision, status);
    const record = { course: code, kind, actor: decision.actor, idempotencyKey: decision.idempotencyKey };
    if (outcome.accepted) {
      if (options.json) printJson({ ...record, ...outcome.answer });
      else
        print(
          `${describeAnswer(outcome.answer)}\n  course ${code}, cycle ${outcome.answer.cycle}, phase ${outcome.answer.phase}, by ${decision.actor}, key ${decision.idempotencyKey}`,
        );
      return;
    }
    if (options.json) printJson({ ...record, accepted: false, reason: outcome.reason });
    throw refused(`rejected: ${outcome.reason}`);
  });
}
