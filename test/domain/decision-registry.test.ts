/**
 * The decision registry (domain/decisions/): every kind is one module, and the
 * staff roles, the phases, the client's pre-check and the `kccp` commands are
 * derived from it. The tables below are what they were before the registry,
 * written out, so deriving them changed nothing (participantWithdrawal aside,
 * the first kind added through the registry).
 */
import { z } from 'zod';
import { buildProgram } from '../../client/main';
import { DECISIONS, DECISION_KINDS, decisionSchemas } from '../../domain/decisions';
import { defineDecision } from '../../domain/decisions/module';
import { ACCEPTED_IN } from '../../domain/lifecycle';
import { ROLE_DECISIONS } from '../../domain/staff';

test('each module is filed under its own kind, in the order kccp lists the commands', () => {
  for (const [key, module] of Object.entries(DECISIONS)) expect(module.kind).toBe(key);
  expect(DECISION_KINDS).toEqual([
    'plan',
    'scrutiny',
    'surveyResponse',
    'mofaDetermination',
    'nominations',
    'selection',
    'implementationReport',
    'modeChange',
    'cycleCancellation',
    'evaluation',
    'noticeResend',
    'participantWithdrawal',
    'participantAcceptance',
    'participantSubstitution',
    'actionPlanReceived',
  ]);
  expect(Object.keys(decisionSchemas)).toEqual(DECISION_KINDS);
  for (const kind of DECISION_KINDS) expect(decisionSchemas[kind]).toBe(decisionSchemas[kind]);
});

test('the staff roles derived from the modules are the roles staff had', () => {
  expect(ROLE_DECISIONS).toEqual({
    'course-officer': [
      'plan',
      'nominations',
      'selection',
      'implementationReport',
      'modeChange',
      'cycleCancellation',
      'noticeResend',
      // Added through the registry alone (domain/decisions/participant-withdrawal.ts).
      'participantWithdrawal',
      // Issue 16's participant statuses (domain/decisions/participant-*.ts).
      'participantAcceptance',
      'participantSubstitution',
      // The action-plan follow-up (domain/decisions/action-plan-received.ts, participant-documents-v1).
      'actionPlanReceived',
    ],
    'scrutiny-secretariat': ['scrutiny'],
    'survey-desk': ['surveyResponse'],
    'mofa-liaison': ['mofaDetermination'],
    operator: ['evaluation', 'noticeResend'],
  });
});

test('the phases derived from the modules are the phases decide used', () => {
  const beforeImplementation = ['Scheduled', 'Formulation', 'Scrutiny', 'RequestSurvey', 'MofaDetermination'];
  expect(ACCEPTED_IN.plan).toEqual({ phases: ['Scheduled', 'Formulation'], window: 'formulation' });
  expect(ACCEPTED_IN.surveyResponse).toEqual({ phases: ['Scrutiny', 'RequestSurvey'], window: 'requestSurvey' });
  expect(ACCEPTED_IN.implementationReport).toEqual({
    phases: ['InJapan', 'PostReturn', 'Evaluation'],
    window: 'postReturn',
  });
  expect(ACCEPTED_IN.modeChange.phases.slice(0, 5)).toEqual(beforeImplementation);
  expect(ACCEPTED_IN.modeChange.phases).not.toContain('PostReturn');
  expect(ACCEPTED_IN.cycleCancellation).toEqual(ACCEPTED_IN.modeChange);
  expect(ACCEPTED_IN.noticeResend.phases).toContain('Completed');
  expect(DECISION_KINDS.filter((k) => DECISIONS[k].precheck === 'none')).toEqual(['evaluation', 'noticeResend']);
  expect(DECISION_KINDS.filter((k) => DECISIONS[k].precheck === 'open-window')).toEqual(['surveyResponse']);
});

test('every kind can be sent from kccp: its own command, or the command its module names', () => {
  const program = buildProgram(() => undefined);
  const commands = program.commands.map((c) => c.name());
  for (const kind of DECISION_KINDS) expect(commands).toContain(DECISIONS[kind].cli.command);
  // The built ones keep the order and the flags they had when each was written by hand.
  expect(commands.filter((c) => ['plan', 'scrutiny', 'mofa', 'mode', 'resend'].includes(c))).toEqual([
    'plan',
    'scrutiny',
    'mofa',
    'mode',
    'resend',
  ]);
  const scrutiny = program.commands.find((c) => c.name() === 'scrutiny')!;
  expect(scrutiny.options.map((o) => [o.long, o.mandatory])).toEqual([
    ['--as', false],
    ['--key', false],
    ['--cycle', false],
    ['--result', true],
    ['--reason', true],
    ['--expert', false],
  ]);
});

// Never called: the compiler checks these (an error that stops happening fails `npm run typecheck`).
export function incompleteModulesDoNotCompile(): void {
  const schema = () => z.object({ kind: z.literal('draft'), actor: z.string(), idempotencyKey: z.string() });
  const cli = { command: 'draft', registeredBy: 'nowhere' };
  const common = { kind: 'draft', schema, acceptedIn: { phases: [], window: 'formulation' } } as const;
  // @ts-expect-error a kind without roles
  defineDecision({ ...common, precheck: 'phase', apply: () => 'no', cli });
  // @ts-expect-error a kind without a CLI entry
  defineDecision({ ...common, precheck: 'phase', apply: () => 'no', roles: [] });
  defineDecision({ ...common, precheck: 'phase', apply: () => 'no', roles: [], cli });
}
