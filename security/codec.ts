/**
 * The payload codec: every payload the client and the worker hand to
 * Temporal (workflow and activity inputs and results, update, signal and
 * query arguments, memo, heartbeat details) leaves AES-256-GCM encrypted
 * under the ring's current key, whose id travels in the payload's metadata so
 * any key of the ring can open it later. It runs outside the workflow
 * sandbox, in the SDK's data converter; workflows never see it.
 *
 * The whole original payload (its metadata and data, protobuf-serialized) is
 * encrypted, so even the original encoding (`json/plain`) is hidden. The key
 * id is bound as additional authenticated data: relabelling a payload with
 * another id fails authentication like any other tampering.
 *
 * Decoding refuses any payload that is not `binary/encrypted`: GCM makes an
 * encrypted payload proof that a holder of the ring wrote it, and a plaintext
 * one is exactly what someone with Temporal access but no key could inject
 * (a decision, a course input). The SDK never hands a codec search
 * attributes or headers, and every other payload our processes read was
 * encoded by our codec (checked against the real dev server: inputs, results,
 * memo, user metadata, failures, heartbeat details, schedules,
 * continue-as-new, signals, updates, queries). The only plaintext payloads in
 * a history are the SDK core's patch markers, which no worker or client
 * decodes; the codec server shows those as they are (codec-server.ts).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { REFUSED_PAYLOAD_FIELD } from '../domain/decisions';
import { METADATA_ENCODING_KEY, type DataConverter, type Payload, type PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { KeyRing } from './keys';

export const ENCODING_ENCRYPTED = 'binary/encrypted';
export const METADATA_KEY_ID = 'encryption-key-id';
export const METADATA_CIPHER = 'encryption-cipher';
export const CIPHER = 'AES-256-GCM';
const IV_BYTES = 12;
const TAG_BYTES = 16;

const ProtoPayload = temporal.api.common.v1.Payload;
const utf8 = (text: string) => Buffer.from(text, 'utf8');
const text = (bytes: Uint8Array | null | undefined) => (bytes ? Buffer.from(bytes).toString('utf8') : undefined);

/** Why a payload was refused; the codec server answers with this alone, never a key id. */
export type DecryptionFailure = 'unencrypted' | 'no-key-id' | 'unknown-key' | 'truncated' | 'tampered';

/**
 * A payload this ring refuses: unencrypted, under an unknown key id, tampered
 * with or truncated. Names the payload's own key id at most, never the ring's ids or a key.
 */
export class PayloadDecryptionError extends Error {
  override name = 'PayloadDecryptionError';
  constructor(
    message: string,
    readonly keyId: string | undefined,
    readonly reason: DecryptionFailure,
  ) {
    super(message);
  }
}

export const UNENCRYPTED_RULE =
  'refused an unencrypted payload: with a codec key ring configured, every payload must be encrypted under ' +
  'one of its keys (KCCP_CODEC_KEYS_FILE, KCCP_CODEC_KEYS or the development key file); this one was written ' +
  'without the keys, by someone with Temporal access or a process run without the ring';

/**
 * How a refused payload reaches the worker's workflows: as this small JSON object in its place.
 * Throwing would fail every workflow task of the course for good (a signal stays in its history),
 * so someone without keys could wedge a course with one plaintext signal; a stand-in is refused by
 * the workflow like any bad decision. Defined in domain/decisions.ts, which the workflow reads.
 */
export { REFUSED_PAYLOAD_FIELD };

export interface EncryptionCodecOptions {
  /** The worker's choice: hand refused payloads on as a stand-in (see REFUSED_PAYLOAD_FIELD). Clients throw. */
  standIn?: boolean;
}

export class EncryptionCodec implements PayloadCodec {
  constructor(
    private readonly ring: KeyRing,
    private readonly options: EncryptionCodecOptions = {},
  ) {}

  get currentKeyId(): string {
    return this.ring.current;
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const keyId = this.ring.current;
    const key = this.ring.keys.get(keyId)!;
    return payloads.map((payload) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(utf8(keyId));
      const body = Buffer.concat([cipher.update(ProtoPayload.encode(payload).finish()), cipher.final()]);
      return {
        metadata: {
          [METADATA_ENCODING_KEY]: utf8(ENCODING_ENCRYPTED),
          [METADATA_KEY_ID]: utf8(keyId),
          [METADATA_CIPHER]: utf8(CIPHER),
        },
        data: Buffer.concat([iv, body, cipher.getAuthTag()]),
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      try {
        return this.decodeOne(payload);
      } catch (error) {
        if (!this.options.standIn || !(error instanceof PayloadDecryptionError)) throw error;
        return standIn(error);
      }
    });
  }

  private decodeOne(payload: Payload): Payload {
    const encoding = text(payload.metadata?.[METADATA_ENCODING_KEY]);
    if (encoding !== ENCODING_ENCRYPTED)
      throw new PayloadDecryptionError(
        `${UNENCRYPTED_RULE} (encoding "${encoding ?? 'none'}")`,
        undefined,
        'unencrypted',
      );
    const keyId = text(payload.metadata?.[METADATA_KEY_ID]);
    if (!keyId)
      throw new PayloadDecryptionError(`encrypted payload carries no ${METADATA_KEY_ID}`, undefined, 'no-key-id');
    const key = this.ring.keys.get(keyId);
    if (!key) {
      // The ring's own ids stay out: this message can reach whoever sent the payload.
      throw new PayloadDecryptionError(
        `payload encrypted with key "${keyId}", an unknown key id for this key ring; ` +
          'if it is a retired key, add it back to KCCP_CODEC_KEYS_FILE or KCCP_CODEC_KEYS',
        keyId,
        'unknown-key',
      );
    }
    const data = Buffer.from(payload.data ?? new Uint8Array());
    if (data.length < IV_BYTES + TAG_BYTES)
      throw new PayloadDecryptionError(`payload under key "${keyId}" is truncated`, keyId, 'truncated');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
      decipher.setAAD(utf8(keyId));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      const clear = Buffer.concat([
        decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)),
        decipher.final(),
      ]);
      return ProtoPayload.decode(clear);
    } catch {
      throw new PayloadDecryptionError(
        `payload under key "${keyId}" failed authentication: tampered with, or not encrypted with this key`,
        keyId,
        'tampered',
      );
    }
  }
}

/** The refusal, as the JSON object a workflow receives instead of the payload (the rule, never a key id). */
function standIn(error: PayloadDecryptionError): Payload {
  const rule =
    error.reason === 'unencrypted'
      ? UNENCRYPTED_RULE
      : `refused an encrypted payload: ${error.reason.replace('-', ' ')}`;
  console.error(`Payload codec: ${error.message}; the workflow receives a refusal in its place`);
  return {
    metadata: { [METADATA_ENCODING_KEY]: utf8('json/plain') },
    data: utf8(JSON.stringify({ [REFUSED_PAYLOAD_FIELD]: rule })),
  };
}

/** What the client and the worker pass as `dataConverter`; the worker's stands in for refused payloads. */
export function encryptingDataConverter(ring: KeyRing, options: EncryptionCodecOptions = {}): DataConverter {
  return { payloadCodecs: [new EncryptionCodec(ring, options)] };
}
