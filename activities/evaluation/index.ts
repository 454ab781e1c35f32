/**
 * The yearly evaluation's activities, built by a factory that receives a
 * Temporal client (to list, query and update courses), the reports folder and
 * the staff mail transport, so tests pass a dev server's client, a temporary
 * folder and a capturing transport.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { connectClient, type ConnectionSettings } from '../../platform/connection';
import type { MailConfig } from '../config';
import { classifyDeliveryError } from '../delivery';
import { loadStaffRoster, type StaffRoster } from '../directory';
import { createMailTransport, type MailTransport } from '../transport';
import type { EvaluationActivities } from './contracts';
import { evaluateBatch, listCoursePage, type EvaluationSigner } from './courses';
import { base64ToBytes, keyIdSchema } from '../../domain/staff';
import { writeReportFiles } from './report-files';
import { reportDirectory, reportsDirFromEnv } from '../../platform/report-files';
import { createSealActivities, DEV_SEAL_KEY_FILE, devSealKey, ed25519Sealer, hmacSealer } from './seal';
import { staffKeysFileFromEnv } from '../../platform/staff-keys';
import { FAILURE } from '../../domain/failures';

export interface EvaluationActivityDeps {
  client: Client;
  reportsDir: string;
  transport: MailTransport;
  roster: StaffRoster;
  from: string;
  /** Signs each evaluation, and seals the state a run carries, when the worker enforces signed decisions. */
  signer?: EvaluationSigner;
  /** KCCP_STAFF_KEYS_FILE: set, decisions are signed and the evaluation runs only with `signer`, listed in it. */
  staffKeysFile?: string;
  /**
   * Without a signer: the HMAC key that seals carried state (32 bytes). Default: a random key for this
   * process, so a run continued by another worker process is refused; the worker passes devSealKey().
   */
  sealKey?: Uint8Array;
}

const safe = (s: string) => s.toLowerCase().replace(/[^a-z0-9.-]+/g, '-');

export function createEvaluationActivities(deps: EvaluationActivityDeps): EvaluationActivities {
  const sealer = deps.signer
    ? ed25519Sealer(deps.signer)
    : hmacSealer('local', deps.sealKey ?? new Uint8Array(randomBytes(32)));
  return {
    ...createSealActivities({ sealer, staffKeysFile: deps.staffKeysFile, signer: deps.signer }),
    listCoursesForEvaluation: (request) => listCoursePage(deps.client, request),
    evaluateCourseBatch: (request) => evaluateBatch(deps.client, request, deps.signer),
    writeEvaluationReport: (request) => writeReportFiles(deps.reportsDir, request),

    async mailEvaluationReport({ report, runKey }) {
      // Only files of that year's report folder are attached, whatever the request names.
      const directory = reportDirectory(deps.reportsDir, report.fiscalYear);
      for (const file of Object.values(report.files)) {
        if (path.dirname(path.resolve(file)) !== directory)
          throw ApplicationFailure.nonRetryable(
            `report.files: ${file} is not in the report folder ${directory}`,
            FAILURE.InvalidReportPath,
          );
      }
      const to = [...new Set(Object.values(deps.roster).flatMap((office) => office.addresses))].sort();
      const messageId = `<evaluation.jfy${report.fiscalYear}.${safe(runKey)}@kccp.jica.example>`;
      const markdown = await readFile(report.files.markdown, 'utf8');
      const attach = async (file: string, contentType: string) => ({
        filename: path.basename(file),
        content: await readFile(file),
        contentType,
      });
      try {
        await deps.transport.send({
          message: {
            from: deps.from,
            to,
            subject: `KCCP yearly evaluation JFY${report.fiscalYear}: ${report.totalCourses} courses, ${report.totalParticipants} participants`,
            text: markdown,
            messageId,
            headers: { 'X-KCCP-Evaluation': `JFY${report.fiscalYear}` },
            attachments: [
              await attach(report.files.markdown, 'text/markdown; charset=utf-8'),
              await attach(report.files.csv, 'text/csv; charset=utf-8'),
              await attach(report.files.chart, 'image/svg+xml'),
            ],
          },
          outboxPath: ['evaluation', `JFY${report.fiscalYear}`, safe(runKey)],
        });
      } catch (error) {
        const c = classifyDeliveryError(error);
        if (c.kind === 'permanent')
          throw ApplicationFailure.nonRetryable(
            `evaluation report to staff: ${c.reason}`,
            FAILURE.StaffAddressRejected,
          );
        throw error;
      }
      return { messageId, to };
    },
  };
}

/**
 * KCCP_EVALUATION_SIGNING_KEY, "<keyId>:<base64 Ed25519 private key>": with
 * signed decisions enforced (KCCP_STAFF_KEYS_FILE), list its public key there
 * with actor "yearly-evaluation" and role "operator". Unset: evaluations go unsigned.
 */
export function evaluationSignerFromEnv(env: NodeJS.ProcessEnv = process.env): EvaluationSigner | undefined {
  const raw = env.KCCP_EVALUATION_SIGNING_KEY?.trim();
  if (!raw) return undefined;
  const [keyId, key, ...rest] = raw.split(':');
  const privateKey = base64ToBytes(key ?? '');
  if (rest.length || !keyIdSchema.safeParse(keyId).success || privateKey.length !== 32) {
    throw new Error('KCCP_EVALUATION_SIGNING_KEY must be "<keyId>:<32-byte Ed25519 private key in base64>"');
  }
  return { keyId: keyId!, privateKey };
}

export interface EvaluationRuntime {
  activities: EvaluationActivities;
  /** The start-up line: who signs and seals the evaluation, or why it will be refused. */
  description: string;
  /** The client the activities use; `npm start` also ensures the schedule with it. */
  client: Client;
  close(): Promise<void>;
}

/** For the worker: its own client and staff transport from the settings and mail configuration already validated. */
export async function createEvaluationActivitiesFromEnv(
  settings: ConnectionSettings,
  mail: MailConfig,
  env: NodeJS.ProcessEnv = process.env,
): Promise<EvaluationRuntime> {
  const roster = loadStaffRoster(mail.rosterPath);
  const signer = evaluationSignerFromEnv(env);
  const staffKeysFile = staffKeysFileFromEnv(env);
  const transport = createMailTransport(mail);
  const client = await connectClient(settings);
  return {
    description: signer
      ? `Yearly evaluation: signed and sealed with operator key ${signer.keyId}.`
      : staffKeysFile
        ? 'Yearly evaluation: WILL BE REFUSED: decisions are signed (KCCP_STAFF_KEYS_FILE) and KCCP_EVALUATION_SIGNING_KEY is not set.'
        : `Yearly evaluation: unsigned (local use); its carried state is sealed with ${DEV_SEAL_KEY_FILE}.`,
    activities: createEvaluationActivities({
      client,
      reportsDir: reportsDirFromEnv(env),
      transport,
      roster,
      from: mail.from,
      signer,
      staffKeysFile,
      // Unsigned local development: a seal key kept in var/keys, so a continued run survives a worker restart.
      sealKey: signer ? undefined : devSealKey(),
    }),
    client,
    close: async () => {
      await transport.close();
      await client.connection.close();
    },
  };
}

export { reportsDirFromEnv, readReport, reportDirectory } from '../../platform/report-files';
export type { EvaluationActivities } from './contracts';
