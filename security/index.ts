/**
 * Payload encryption as the client and the worker take it: one call that
 * resolves the key ring for where they connect and returns the data
 * converter to pass to Temporal, and a line safe for logs (key ids and where
 * the keys came from, never key material).
 */
import type { DataConverter } from '@temporalio/common';
import { encryptingDataConverter, type EncryptionCodecOptions } from './codec';
import { DEV_KEY_FILE, resolveKeyRing, type CodecTarget } from './keys';

export interface PayloadProtection {
  /** Always set: no process of ours hands Temporal a payload in clear. */
  dataConverter: DataConverter;
  description: string;
}

export function payloadProtection(
  target: CodecTarget,
  env: NodeJS.ProcessEnv = process.env,
  devKeyFile: string = DEV_KEY_FILE,
  options: EncryptionCodecOptions = {},
): PayloadProtection {
  const resolved = resolveKeyRing(target, env, devKeyFile);
  if (resolved.generated) {
    console.warn(
      `Payload codec: generated a development key in ${resolved.source.replace('development key file ', '')} ` +
        '(git-ignored; for this machine only). Set KCCP_CODEC_KEYS_FILE or KCCP_CODEC_KEYS for a shared cluster.',
    );
  }
  const { ring } = resolved;
  const retired = [...ring.keys.keys()].filter((id) => id !== ring.current);
  return {
    dataConverter: encryptingDataConverter(ring, options),
    description:
      `AES-256-GCM, current key "${ring.current}"` +
      (retired.length ? `, also decrypts ${retired.map((id) => `"${id}"`).join(', ')}` : '') +
      ` (from ${resolved.source})`,
  };
}

export { EncryptionCodec, PayloadDecryptionError, encryptingDataConverter, type EncryptionCodecOptions } from './codec';
export { CodecConfigError, keyRingFromEnv, type KeyRing, type CodecTarget } from './keys';
