/** Runs the real `kccp` (bin/kccp.js, as `npx kccp` would) against a test server and collects what it printed. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { envWithoutCodecKeys, TEST_CODEC_ENV } from '../support/codec-keys';

export const KCCP_BIN = path.resolve(__dirname, '../../bin/kccp.js');

export interface KccpRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function kccp(address: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<KccpRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [KCCP_BIN, ...args],
      {
        env: {
          ...envWithoutCodecKeys(),
          TEMPORAL_ADDRESS: address,
          TEMPORAL_NAMESPACE: 'default',
          KCCP_ACTOR: 'tanaka@jica.example',
          // The ring of the harness's worker and client (test/support/codec-keys.ts); a test may pass its own.
          ...TEST_CODEC_ENV,
          ...env,
        },
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

/** Parsed --json output, with the run attached to the error when it is not JSON. */
export function json<T = Record<string, unknown>>(run: KccpRun): T {
  try {
    return JSON.parse(run.stdout) as T;
  } catch {
    throw new Error(`kccp printed no JSON (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  }
}
