/** Read-only commands: `status`, `list`, `calendar`. */
import { Option, type Command } from 'commander';
import { courseCalendar } from '../../domain/calendar';
import { WINDOW_NAMES } from '../../domain/course';
import { CYCLE_PHASES, type CourseStatus } from '../../domain/lifecycle';
import { courseLifecycleWorkflowType } from '../../workflows/messages';
import { CourseCode, CourseCycle, CoursePhase, CourseSubject, FiscalYear } from '../../workflows/search-attributes';
import { PROGRAM_TIME_ZONE, type Region } from '../../domain/reference';
import { globalOptions, withClient } from '../context';
import { openCourse, queryStatus, readCourseSpec } from '../course-access';
import type { CourseMemo } from '../course-start';
import { facts, print, printJson, table, tokyo } from '../output';
import { participantDocumentsTable } from './participants';
import { parseInteger, parseRegion, parseSubject } from '../parsers';
import { printHostCentreLists, printNotices } from './status-views';
import { InvalidArgumentError } from 'commander';

function parsePhase(value: string): string {
  const match = CYCLE_PHASES.find((p) => p.toLowerCase() === value.trim().toLowerCase());
  if (!match) throw new InvalidArgumentError(`"${value}" is not a phase; one of: ${CYCLE_PHASES.join(', ')}.`);
  return match;
}

function printStatus(status: CourseStatus, executionStatus: string, notices: boolean): void {
  print(
    facts([
      ['course', `${status.code} ${status.title}`],
      ['subject', status.subject],
      ['phase', `${status.phase} (cycle ${status.cycle} of 3, JFY${status.fiscalYear})`],
      ['waiting for', status.waitingFor],
      ['workflow', executionStatus],
      ['as of', tokyo(status.asOf)],
    ]),
  );
  if (status.cycles.length) {
    print(
      table(
        [
          'cycle',
          'JFY',
          'phase',
          'mode',
          'waiting for',
          'deadline',
          'survey',
          'participating',
          'nominated',
          'notices sent',
        ],
        status.cycles.map((c) => [
          c.cycle,
          c.fiscalYear,
          c.phase,
          c.mode,
          c.waitingFor,
          tokyo(c.deadline),
          `${c.surveyTally.requesting.length}/${c.surveyTally.threshold} requests (${c.surveyTally.requesting.join(' ') || '-'}), ${c.surveyTally.responses} responses`,
          c.participating.join(' ') || '-',
          c.nominatedCountries.join(' ') || '-',
          Object.entries(c.noticesSent)
            .map(([k, n]) => `${k}: ${n}`)
            .join('\n') || '-',
        ]),
      ),
    );
  }
  printHostCentreLists(status);
  printNotices(status, notices);
  const findings = status.cycles.flatMap((c) => c.openFindings.map((f) => [c.cycle, f]));
  if (findings.length) {
    print('Evaluation findings the next plan must acknowledge (kccp plan --acknowledge-findings)');
    print(table(['cycle', 'finding'], findings));
  }
  if (status.unplacedFindings.length) {
    print('Evaluation findings no cycle in formulation could take');
    print(
      table(
        ['from cycle', 'JFY', 'finding', 'why'],
        status.unplacedFindings.flatMap((u) => u.findings.map((f) => [u.cycle, u.fiscalYear, f, u.why])),
      ),
    );
  }
  if (status.outcomes.length) {
    print('Ended cycles');
    print(
      table(
        ['cycle', 'JFY', 'outcome', 'scrutiny', 'MOFA', 'requests', 'evaluated'],
        status.outcomes.map((o) => [
          o.cycle,
          o.fiscalYear,
          o.phase + (o.notHeldReason ? ` (${o.notHeldReason})` : ''),
          o.scrutiny ?? '-',
          o.mofaApproved === undefined ? '-' : o.mofaApproved ? 'approved' : 'not approved',
          o.requestingCountries.join(' ') || '-',
          o.evaluated ? 'yes' : 'no',
        ]),
      ),
    );
  }
  const decisions = status.cycles.flatMap((c) =>
    c.decisions.map((d) => [c.cycle, d.kind, d.summary, d.actor, tokyo(d.at)]),
  );
  if (decisions.length) {
    print('Decisions');
    print(table(['cycle', 'decision', 'summary', 'by', 'at'], decisions));
  }
  const documents = participantDocumentsTable(status);
  if (documents) print(`Documents to participants (who was sent what, when)\n${documents}`);
  if (status.deliveryProblems.length) {
    print('Delivery problems (fix the address, then: kccp resend <code> <problem>)');
    print(
      table(
        ['problem', 'since', 'not reached', 'resent'],
        status.deliveryProblems.map((p) => [
          p.id,
          tokyo(p.at),
          Object.entries(p.failed)
            .map(([who, why]) => `${who}: ${why}`)
            .join('\n'),
          p.resends.length ? `${p.resends.length}× (last by ${p.resends[p.resends.length - 1]!.actor})` : '-',
        ]),
      ),
    );
  }
  if (status.rejections.length) {
    print('Rejected signals');
    print(
      table(
        ['at', 'decision', 'by', 'reason'],
        status.rejections.map((r) => [tokyo(r.at), r.kind, r.actor ?? '-', r.reason]),
      ),
    );
  }
}

interface ListFlags {
  phase?: string;
  fiscalYear?: number;
  subject?: string;
  region?: Region;
  all?: boolean;
  limit: number;
}

export function listQuery(flags: ListFlags): string {
  const clauses = [`WorkflowType = "${courseLifecycleWorkflowType}"`];
  // Each continue-as-new leaves a closed run behind: show only the live end of each chain.
  clauses.push(flags.all ? 'ExecutionStatus != "ContinuedAsNew"' : 'ExecutionStatus = "Running"');
  if (flags.phase) clauses.push(`${CoursePhase.name} = "${flags.phase}"`);
  if (flags.fiscalYear !== undefined) clauses.push(`${FiscalYear.name} = ${flags.fiscalYear}`);
  if (flags.subject) clauses.push(`${CourseSubject.name} = "${flags.subject}"`);
  return clauses.join(' AND ');
}

export function registerInspect(program: Command): void {
  program
    .command('status')
    .description("a course's phase, what it waits for and until when, its decisions so far")
    .argument('<code>', 'course code')
    .option('--notices', 'list every notice delivered: recipient, time and Message-ID (always in --json)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ kccp status KCCP-2028-AGR-01\n  $ kccp status KCCP-2028-AGR-01 --notices\n  $ kccp status KCCP-2028-AGR-01 --json',
    )
    .action(async (code: string, flags: { notices?: boolean }, command: Command) => {
      const options = globalOptions(command);
      await withClient(options, async (client) => {
        const course = await openCourse(client, code);
        const status = await queryStatus(client, course);
        if (options.json)
          printJson({ ...status, workflowId: course.handle.workflowId, executionStatus: course.executionStatus });
        else printStatus(status, course.executionStatus, flags.notices === true);
      });
    });

  program
    .command('list')
    .description('courses, found with a visibility query on their search attributes')
    .addOption(new Option('--phase <phase>', `CoursePhase: ${CYCLE_PHASES.join(', ')}`).argParser(parsePhase))
    .option('--fiscal-year <jfy>', 'FiscalYear of the cycle the course is about now', parseInteger)
    .option('--subject <subject>', 'CourseSubject, e.g. "Health"', parseSubject)
    .option('--region <region>', "target region, from the course's memo (courses started by kccp)", parseRegion)
    .option('--all', 'include ended courses (default: running only)')
    .option('--limit <n>', 'show at most this many', parseInteger, 100)
    .addHelpText(
      'after',
      '\nExamples:\n  $ kccp list\n  $ kccp list --phase Scrutiny --fiscal-year 2028\n  $ kccp list --subject Health --region Africa --all --json',
    )
    .action(async (flags: ListFlags, command: Command) => {
      const options = globalOptions(command);
      const query = listQuery(flags);
      await withClient(options, async (client) => {
        const courses = [];
        for await (const info of client.workflow.list({ query })) {
          const memo = (info.memo ?? {}) as Partial<CourseMemo>;
          if (flags.region && !(memo.regions ?? []).includes(flags.region)) continue;
          const attrs = info.typedSearchAttributes;
          courses.push({
            code: attrs.get(CourseCode) ?? info.workflowId,
            title: memo.title ?? '',
            subject: attrs.get(CourseSubject) ?? '',
            regions: memo.regions ?? [],
            phase: attrs.get(CoursePhase) ?? '',
            cycle: attrs.get(CourseCycle) ?? null,
            fiscalYear: attrs.get(FiscalYear) ?? null,
            status: info.status.name,
            workflowId: info.workflowId,
          });
          if (courses.length >= flags.limit) break;
        }
        if (options.json) {
          printJson({ query, region: flags.region ?? null, courses });
          return;
        }
        if (courses.length === 0) print('no courses match');
        else
          print(
            table(
              ['code', 'title', 'subject', 'phase', 'cycle', 'JFY', 'workflow'],
              courses.map((c) => [
                c.code,
                c.title,
                c.subject,
                c.phase,
                c.cycle ?? '-',
                c.fiscalYear ?? '-',
                `${c.workflowId} (${c.status})`,
              ]),
            ),
          );
        print(`query: ${query}${flags.region ? `; region ${flags.region} from each course's memo` : ''}`);
      });
    });

  program
    .command('calendar')
    .description('every window and deadline of the three cycles of a course, Asia/Tokyo')
    .argument('<code>', 'course code')
    .addHelpText('after', '\nExample:\n  $ kccp calendar KCCP-2028-AGR-01')
    .action(async (code: string, _flags: unknown, command: Command) => {
      const options = globalOptions(command);
      await withClient(options, async (client) => {
        const spec = await readCourseSpec(client, await openCourse(client, code));
        const calendars = courseCalendar(spec);
        const now = Date.now();
        const state = (w: { opens: string; closes: string }) =>
          now < Date.parse(w.opens) ? 'upcoming' : now < Date.parse(w.closes) ? 'open' : 'closed';
        if (options.json) {
          printJson({ code, timeZone: PROGRAM_TIME_ZONE, cycles: calendars });
          return;
        }
        print(`Calendar of ${code} (${PROGRAM_TIME_ZONE}; a window closes at its deadline, exclusive)`);
        for (const cal of calendars) {
          print(`Cycle ${cal.cycle}: JFY${cal.fiscalYear}`);
          print(
            table(
              ['window', 'opens', 'closes (deadline)', 'now'],
              WINDOW_NAMES.map((w) => [
                w,
                tokyo(cal.windows[w].opens),
                tokyo(cal.windows[w].closes),
                state(cal.windows[w]),
              ]),
            ),
          );
        }
      });
    });
}
