/**
 * The yearly evaluation's authority and the seal on the state it carries.
 *
 * A run that grows long continues as new with its tally, page token and the
 * ids it has seen. That input is, to Temporal, like any starter's: whoever may
 * start a workflow could hand a run invented figures. The tally cannot be
 * recomputed (it sums what courses answered on pages already read), so it is
 * sealed instead: before continuing, an activity signs it with a key only the
 * worker holds, bound to the evaluation's workflow id and first run id; the
 * continued run has it verified before it uses any of it. A starter holds no
 * key, and a seal copied from another evaluation's history names another chain.
 *
 * Which key: in a signed deployment (KCCP_STAFF_KEYS_FILE set) the operator key
 * of KCCP_EVALUATION_SIGNING_KEY, which already signs every course's evaluation
 * (Ed25519); the evaluation refuses to run without it. In unsigned local
 * development, an HMAC-SHA256 key the worker keeps (var/keys/evaluation-seal.key).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { ed25519 } from '@noble/curves/ed25519';
import type { EvaluationSeal } from '../../domain/evaluation/input';
import { EVALUATION_ACTOR } from '../../domain/evaluation/schedule';
import { base64ToBytes, bytesToBase64, canonicalJson, publicKeyOf } from '../../domain/staff';
import { loadStaffKeysFile } from '../../platform/staff-keys';
import { currentActivity } from '../delivery';
import type { EvaluationSigner } from './courses';
import type { EvaluationOpening, OpenEvaluationRequest, SealRequest } from './contracts';
import { FAILURE, type FailureType } from '../../domain/failures';

export interface EvaluationSealer {
  alg: EvaluationSeal['alg'];
  keyId: string;
  sign(bytes: Uint8Array): string;
  verify(bytes: Uint8Array, value: string): boolean;
}

export function ed25519Sealer(signer: EvaluationSigner): EvaluationSealer {
  const publicKey = publicKeyOf(signer.privateKey);
  return {
    alg: 'ed25519',
    keyId: signer.keyId,
    sign: (bytes) => bytesToBase64(ed25519.sign(bytes, signer.privateKey)),
    verify: (bytes, value) => {
      try {
        return ed25519.verify(base64ToBytes(value), bytes, publicKey);
      } catch {
        return false;
      }
    },
  };
}

export function hmacSealer(keyId: string, key: Uint8Array): EvaluationSealer {
  const mac = (bytes: Uint8Array) => createHmac('sha256', key).update(bytes).digest();
  return {
    alg: 'hmac-sha256',
    keyId,
    sign: (bytes) => mac(bytes).toString('base64'),
    verify: (bytes, value) => {
      const given = Buffer.from(value, 'base64');
      const expected = mac(bytes);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}

export const DEV_SEAL_KEY_FILE = path.resolve(__dirname, '..', '..', 'var', 'keys', 'evaluation-seal.key');

/** The local seal key, created once (mode 0600) so a continued run still verifies after a worker restart. */
export function devSealKey(file: string = DEV_SEAL_KEY_FILE): Uint8Array {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`${file}: the evaluation's seal key must be 32 bytes in base64`);
  return key;
}

/** The bytes a seal covers: the evaluation chain it belongs to and its state, canonically. */
export function sealedBytes(workflowId: string, firstExecutionRunId: string, state: unknown): Uint8Array {
  return new TextEncoder().encode(
    `kccp-evaluation-state-v1\n${workflowId}\n${firstExecutionRunId}\n${canonicalJson(state)}`,
  );
}

const refuse = (message: string, type: FailureType) => ApplicationFailure.nonRetryable(message, type);

/**
 * In a signed deployment the evaluation runs only with the operator key, listed
 * in the staff keys as the yearly evaluation's operator key: otherwise every
 * course would refuse its evaluation and staff would be mailed a report of refusals.
 */
function checkAuthority(staffKeysFile: string | undefined, signer: EvaluationSigner | undefined): void {
  if (!staffKeysFile) return;
  if (!signer)
    throw refuse(
      'the yearly evaluation requires the operator signature: KCCP_STAFF_KEYS_FILE makes decisions signed, ' +
        'and this worker has no KCCP_EVALUATION_SIGNING_KEY; nothing was evaluated, written or mailed',
      FAILURE.EvaluationNotAuthorized,
    );
  const listed = loadStaffKeysFile(staffKeysFile).keys.find((k) => k.keyId === signer.keyId);
  const problem = !listed
    ? `is not in ${staffKeysFile}`
    : listed.publicKey !== bytesToBase64(publicKeyOf(signer.privateKey))
      ? `does not match the public key ${staffKeysFile} lists under that id`
      : listed.role !== 'operator' || listed.actor !== EVALUATION_ACTOR
        ? `is listed as ${listed.role} "${listed.actor}", not as operator "${EVALUATION_ACTOR}"`
        : undefined;
  if (problem)
    throw refuse(
      `the yearly evaluation requires the operator signature: KCCP_EVALUATION_SIGNING_KEY (key ${signer.keyId}) ${problem}`,
      FAILURE.EvaluationNotAuthorized,
    );
}

function workflowIdOfActivity(): string {
  const id = currentActivity()?.info.workflowExecution?.workflowId;
  if (!id) throw new Error('the evaluation seal is made and checked only inside an evaluation activity');
  return id;
}

export function createSealActivities(deps: {
  sealer: EvaluationSealer;
  staffKeysFile?: string;
  signer?: EvaluationSigner;
}) {
  return {
    async openEvaluation(request: OpenEvaluationRequest): Promise<EvaluationOpening> {
      checkAuthority(deps.staffKeysFile, deps.signer);
      const { carried } = request;
      if (carried) {
        const { seal } = carried;
        const bytes = sealedBytes(workflowIdOfActivity(), request.firstExecutionRunId, carried.state);
        if (seal.alg !== deps.sealer.alg || seal.keyId !== deps.sealer.keyId || !deps.sealer.verify(bytes, seal.value))
          throw refuse(
            `input.carried: the seal (${seal.alg}, key ${seal.keyId}) does not verify with this worker's ${deps.sealer.alg} key ` +
              `${deps.sealer.keyId}: carried state comes only from this evaluation's own continue-as-new; nothing was written or mailed`,
            FAILURE.CarriedStateRefused,
          );
      }
      return { sealedWith: `${deps.sealer.alg}:${deps.sealer.keyId}`, signed: deps.sealer.alg === 'ed25519' };
    },
    async sealEvaluationState(request: SealRequest): Promise<EvaluationSeal> {
      checkAuthority(deps.staffKeysFile, deps.signer);
      const bytes = sealedBytes(workflowIdOfActivity(), request.firstExecutionRunId, request.state);
      return { alg: deps.sealer.alg, keyId: deps.sealer.keyId, value: deps.sealer.sign(bytes) };
    },
  };
}
