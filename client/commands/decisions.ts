/** Single decisions from flags: plan, scrutiny, mofa, report-implementation, mode, cancel-cycle, evaluation, resend. */
import { Option, type Command } from 'commander';
import type { CourseOutlineInput } from '../../domain/course-outline';
import { COURSE_MODES } from '../../domain/decisions';
import { recordDecision, withDecisionOptions, type DecisionFlags } from '../decide';
import { badInput } from '../errors';
import { readOutlineFile } from '../outline-file';
import { collect, parseCountryCount, parseInteger } from '../parsers';

const identity = (value: string) => value;
const example = (lines: string[]) =>
  `\nExample${lines.length > 1 ? 's' : ''}:\n${lines.map((l) => `  $ ${l}`).join('\n')}`;

export function registerDecisions(program: Command): void {
  withDecisionOptions(program.command('plan'))
    .description('record the course plan of a cycle (formulation)')
    .argument('<code>', 'course code')
    .requiredOption('--summary <text>', 'what the cycle will teach and how')
    .option('--material-change', 'the plan changes the course materially: it goes to scrutiny again')
    .option('--acknowledge-findings', 'the plan takes account of the evaluation findings carried to this cycle')
    .option('--outline <outline.json>', "with --material-change: this cycle's new course outline (as course create)")
    .addHelpText(
      'after',
      example([
        'kccp plan KCCP-2028-AGR-01 --summary "Field practice in Tsukuba, two study visits"',
        'kccp plan KCCP-2028-AGR-01 --summary "Adds a module on irrigation" --material-change --outline outline.json',
      ]),
    )
    .action(
      async (
        code: string,
        flags: DecisionFlags & {
          summary: string;
          materialChange?: boolean;
          acknowledgeFindings?: boolean;
          outline?: string;
        },
        command: Command,
      ) => {
        // Checked with the decision's schema by recordDecision, which names the field of a wrong one.
        let outline: CourseOutlineInput | undefined;
        try {
          outline = flags.outline ? (readOutlineFile(flags.outline) as CourseOutlineInput) : undefined;
        } catch (error) {
          throw badInput(`--outline: ${(error as Error).message}`);
        }
        await recordDecision(
          command,
          code,
          'plan',
          {
            summary: flags.summary,
            materialChange: flags.materialChange === true,
            ...(flags.acknowledgeFindings ? { findingsAcknowledged: true } : {}),
            ...(outline !== undefined ? { outline } : {}),
          },
          flags,
        );
      },
    );

  withDecisionOptions(program.command('scrutiny'))
    .description('record the scrutiny decision: pass or fail, with its reasons')
    .argument('<code>', 'course code')
    .addOption(new Option('--result <result>', 'the decision').choices(['pass', 'fail']).makeOptionMandatory())
    .requiredOption('--reason <text>', 'a reason (repeatable)', collect(identity))
    .option('--expert <name>', 'outside expert consulted (repeatable)', collect(identity))
    .addHelpText(
      'after',
      example([
        'kccp scrutiny KCCP-2028-AGR-01 --result pass --reason "Japan\'s rice research is unique" --expert "Prof. Sato"',
      ]),
    )
    .action(
      async (
        code: string,
        flags: DecisionFlags & { result: 'pass' | 'fail'; reason: string[]; expert?: string[] },
        command: Command,
      ) => {
        await recordDecision(
          command,
          code,
          'scrutiny',
          { result: flags.result, reasons: flags.reason, outsideExperts: flags.expert ?? [] },
          flags,
        );
      },
    );

  withDecisionOptions(program.command('mofa'))
    .description('record the MOFA determination: approved or not')
    .argument('<code>', 'course code')
    .addOption(
      new Option('--result <result>', "MOFA's determination")
        .choices(['approved', 'not-approved'])
        .makeOptionMandatory(),
    )
    .option('--reference <ref>', "MOFA's reference number")
    .option('--remarks <text>', 'remarks')
    .addHelpText('after', example(['kccp mofa KCCP-2028-AGR-01 --result approved --reference MOFA-2027-112']))
    .action(
      async (
        code: string,
        flags: DecisionFlags & { result: string; reference?: string; remarks?: string },
        command: Command,
      ) => {
        await recordDecision(
          command,
          code,
          'mofaDetermination',
          { approved: flags.result === 'approved', reference: flags.reference, remarks: flags.remarks },
          flags,
        );
      },
    );

  withDecisionOptions(program.command('report-implementation'))
    .description('record how the course was held: mode, dates, attendance per country')
    .argument('<code>', 'course code')
    .addOption(new Option('--mode <mode>', 'how it was held').choices([...COURSE_MODES]).makeOptionMandatory())
    .requiredOption('--started <date>', 'first day, YYYY-MM-DD')
    .requiredOption('--ended <date>', 'last day, YYYY-MM-DD')
    .option(
      '--attendance <COUNTRY=N>',
      'participants who attended from a country (repeatable)',
      collect(parseCountryCount),
    )
    .addHelpText(
      'after',
      example([
        'kccp report-implementation KCCP-2028-AGR-01 --mode in-person --started 2028-07-06 --ended 2028-08-21 --attendance KE=2 --attendance SN=1',
      ]),
    )
    .action(
      async (
        code: string,
        flags: DecisionFlags & {
          mode: (typeof COURSE_MODES)[number];
          started: string;
          ended: string;
          attendance?: { country: string; participants: number }[];
        },
        command: Command,
      ) => {
        await recordDecision(
          command,
          code,
          'implementationReport',
          { mode: flags.mode, startedOn: flags.started, endedOn: flags.ended, attendance: flags.attendance ?? [] },
          flags,
        );
      },
    );

  withDecisionOptions(program.command('mode'))
    .description('change how a cycle is held (in-person, online, hybrid); participating countries are told')
    .argument('<code>', 'course code')
    .addOption(new Option('--mode <mode>', 'new mode').choices([...COURSE_MODES]).makeOptionMandatory())
    .requiredOption('--reason <text>', 'why')
    .addHelpText('after', example(['kccp mode KCCP-2028-AGR-01 --mode online --reason "Entry restrictions"']))
    .action(
      async (
        code: string,
        flags: DecisionFlags & { mode: (typeof COURSE_MODES)[number]; reason: string },
        command: Command,
      ) => {
        await recordDecision(command, code, 'modeChange', { mode: flags.mode, reason: flags.reason }, flags);
      },
    );

  withDecisionOptions(program.command('cancel-cycle'))
    .description('cancel a cycle before it is held; the governments concerned are told')
    .argument('<code>', 'course code')
    .requiredOption('--reason <text>', 'why')
    .addHelpText('after', example(['kccp cancel-cycle KCCP-2028-AGR-01 --cycle 1 --reason "COVID-19"']))
    .action(async (code: string, flags: DecisionFlags & { reason: string }, command: Command) => {
      await recordDecision(command, code, 'cycleCancellation', { reason: flags.reason }, flags);
    });

  withDecisionOptions(program.command('evaluation'))
    .description("record the yearly evaluation of a course's cycle in a fiscal year")
    .argument('<code>', 'course code')
    .requiredOption('--fiscal-year <jfy>', 'fiscal year evaluated', parseInteger)
    .option('--finding <text>', 'a finding for the next cycle (repeatable)', collect(identity))
    .addHelpText(
      'after',
      example(['kccp evaluation KCCP-2028-AGR-01 --fiscal-year 2028 --finding "Add a module on irrigation"']),
    )
    .action(
      async (code: string, flags: DecisionFlags & { fiscalYear: number; finding?: string[] }, command: Command) => {
        await recordDecision(
          command,
          code,
          'evaluation',
          { fiscalYear: flags.fiscalYear, findings: flags.finding ?? [] },
          flags,
        );
      },
    );

  withDecisionOptions(program.command('resend'))
    .description(
      'send again what a delivery problem lacks (see "Delivery problems" in kccp status), once the address is fixed',
    )
    .argument('<code>', 'course code')
    .argument('<problem>', 'the delivery problem, e.g. c1/course-notification or c2/staff-mofa-7d')
    .addHelpText(
      'after',
      example([
        'kccp status KCCP-2028-AGR-01            # lists the delivery problems',
        'kccp resend KCCP-2028-AGR-01 c1/course-notification',
      ]) +
        '\nOnly recipients that have not received it are sent to, each once: a repeat with the same --key changes nothing.',
    )
    .action(async (code: string, problem: string, flags: DecisionFlags, command: Command) => {
      // The problem names its cycle; a signature binds it.
      const cycle = /^c([1-3])\//.exec(problem)?.[1];
      await recordDecision(
        command,
        code,
        'noticeResend',
        { problem },
        { ...flags, cycle: flags.cycle ?? (cycle ? (Number(cycle) as 1 | 2 | 3) : undefined) },
      );
    });
}
