/**
 * `kccp participant list <code>`: each cycle's participants and their status (issue 16). The
 * participant decisions themselves are registry commands: `kccp accept`, `withdraw`, `substitute`.
 */
import type { Command } from 'commander';
import type { CourseStatus, ParticipantRow } from '../../domain/lifecycle';
import { globalOptions, withClient } from '../context';
import { openCourse, queryStatus } from '../course-access';
import { print, printJson, table, tokyo } from '../output';
import { parseCycle } from '../parsers';

export function participantTable(status: CourseStatus, cycle?: number): string {
  const cycles = status.cycles.filter((c) => cycle === undefined || c.cycle === cycle);
  const rows = cycles.flatMap((c) => (c.participants ?? []).map((p) => ({ cycle: c.cycle, ...p })));
  if (rows.length === 0) return `no participants recorded${cycle ? ` in cycle ${cycle}` : ''} (nominations come first)`;
  const note = (p: ParticipantRow) =>
    p.replaces ? `replaces ${p.replaces}` : p.replacedBy ? `replaced by ${p.replacedBy}` : '';
  return table(
    ['cycle', 'country', 'name', 'organization', 'status', 'since', 'by', 'note'],
    rows.map((p) => [p.cycle, p.country, p.name, p.organization, p.status, tokyo(p.since), p.by, note(p)]),
  );
}

/**
 * Who was sent which document and when, and each action plan asked for and back (participant-documents-v1),
 * for `kccp status`; undefined when no cycle has sent one.
 */
export function participantDocumentsTable(status: CourseStatus): string | undefined {
  const rows = status.cycles.flatMap((c) =>
    (c.participants ?? [])
      .filter((p) => p.documents || p.actionPlan)
      .map((p) => [
        c.cycle,
        p.country,
        p.name,
        Object.entries(p.documents ?? {})
          .sort(([, a], [, b]) => a.localeCompare(b))
          .map(([kind, at]) => `${kind}: ${tokyo(at)}`)
          .join('\n') || '-',
        p.actionPlan
          ? `asked ${tokyo(p.actionPlan.requestedAt)}; ${p.actionPlan.receivedAt ? `back ${tokyo(p.actionPlan.receivedAt)}` : 'not back'}`
          : '-',
      ]),
  );
  return rows.length ? table(['cycle', 'country', 'name', 'documents sent', 'action plan'], rows) : undefined;
}

export function registerParticipants(program: Command): void {
  const participant = program
    .command('participant')
    .description(
      'participants of a course: `participant list`; record their answers with accept, withdraw, substitute',
    );
  participant
    .command('list')
    .description("each running cycle's nominees and participants, with their status")
    .argument('<code>', 'course code')
    .option('--cycle <n>', 'only this cycle (1-3)', parseCycle)
    .addHelpText(
      'after',
      '\nExamples:\n  $ kccp participant list KCCP-2028-AGR-01\n  $ kccp participant list KCCP-2028-AGR-01 --cycle 1 --json',
    )
    .action(async (code: string, flags: { cycle?: number }, command: Command) => {
      const options = globalOptions(command);
      await withClient(options, async (client) => {
        const status = await queryStatus(client, await openCourse(client, code));
        if (options.json) {
          const cycles = status.cycles.filter((c) => flags.cycle === undefined || c.cycle === flags.cycle);
          printJson({
            code: status.code,
            cycles: cycles.map((c) => ({ cycle: c.cycle, participants: c.participants ?? [] })),
          });
        } else print(participantTable(status, flags.cycle));
      });
    });
}
