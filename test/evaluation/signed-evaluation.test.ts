import { evaluationSignerFromEnv } from '../../activities/evaluation';
import { evaluationDecision } from '../../activities/evaluation/courses';
import { decisionSchemas } from '../../domain/decisions';
import type { CourseFacts } from '../../domain/evaluation/tally';
import { authorizeDecision, bytesToBase64, generateStaffKeyPair } from '../../domain/staff';
import { EVALUATION_ACTOR } from '../../workflows/evaluation';

const facts: CourseFacts = {
  code: 'KCCP-2025-HLT-01',
  subject: 'Health',
  fiscalYear: 2025,
  cycle: 1,
  phase: 'Evaluation',
  standing: 'held',
  mode: 'online',
  scrutiny: 'pass',
  mofaApproved: true,
  participants: { KE: 2, VN: 1 },
  participantsFrom: 'selection',
  undeliverable: [],
  evaluation: 'not-recorded',
};
const request = {
  fiscalYear: 2025,
  workflowIds: [],
  actor: EVALUATION_ACTOR,
  evaluatedAt: '2026-04-10T09:00:00+09:00',
};

describe('the evaluation decision a course receives', () => {
  it("is a valid evaluation with a stable key, and signed by the worker's operator key when one is configured", () => {
    const unsigned = evaluationDecision(facts.code, facts, request);
    expect(decisionSchemas.evaluation.parse(unsigned)).toMatchObject({
      idempotencyKey: 'eval-2025-KCCP-2025-HLT-01',
      cycle: 1,
      fiscalYear: 2025,
      actor: 'yearly-evaluation',
    });

    const { privateKey, publicKey } = generateStaffKeyPair();
    const signer = evaluationSignerFromEnv({
      KCCP_EVALUATION_SIGNING_KEY: `evaluation-2026:${bytesToBase64(privateKey)}`,
    })!;
    const signed = evaluationDecision(facts.code, facts, request, signer);
    const staff = {
      enforce: true,
      keys: [
        {
          keyId: 'evaluation-2026',
          actor: EVALUATION_ACTOR,
          role: 'operator' as const,
          publicKey: bytesToBase64(publicKey),
        },
      ],
    };
    expect(decisionSchemas.evaluation.parse(signed).signature?.keyId).toBe('evaluation-2026');
    expect(authorizeDecision(staff, facts.code, signed)).toBeUndefined();
    expect(authorizeDecision(staff, 'KCCP-OTHER-01', signed)).toMatch(/does not match/);
    expect(authorizeDecision(staff, facts.code, unsigned)).toMatch(/no valid signature/);
  });

  it('reads the signing key from KCCP_EVALUATION_SIGNING_KEY, or goes unsigned without it', () => {
    expect(evaluationSignerFromEnv({})).toBeUndefined();
    expect(() => evaluationSignerFromEnv({ KCCP_EVALUATION_SIGNING_KEY: 'no-colon' })).toThrow(
      /KCCP_EVALUATION_SIGNING_KEY must be/,
    );
    expect(() => evaluationSignerFromEnv({ KCCP_EVALUATION_SIGNING_KEY: 'k1:c2hvcnQ=' })).toThrow(/32-byte/);
  });
});
