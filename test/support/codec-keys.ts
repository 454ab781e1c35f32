/**
 * The codec key ring of tests that run `kccp` or `npm start`'s worker next to
 * a worker or client of their own. Every process of ours encrypts, on any
 * server (security/keys.ts), so both sides must hold one ring; an explicit
 * one keeps tests off the machine's development key in var/keys.
 */
import type { DataConverter } from '@temporalio/common';
import { encryptingDataConverter } from '../../security/codec';
import { keyRingFromEnv } from '../../security/keys';

export const TEST_CODEC_ENV = { KCCP_CODEC_KEYS: `test-ring:${Buffer.alloc(32, 0x74).toString('base64')}` };

export function testDataConverter(): DataConverter {
  return encryptingDataConverter(keyRingFromEnv(TEST_CODEC_ENV)!.ring);
}

/** `process.env` for a child process that gets `TEST_CODEC_ENV`: a developer's own key variables left out. */
export function envWithoutCodecKeys(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const { KCCP_CODEC_KEYS_FILE: _file, KCCP_CODEC_KEYS: _keys, KCCP_CODEC_CURRENT_KEY: _current, ...rest } = env;
  return rest;
}
