/**
 * Temporal's remote codec protocol on the wire: `{"payloads": [{"metadata":
 * {k: base64}, "data": base64}]}` (protobuf JSON), and reading a request body
 * with a size limit that still lets the caller read the 413.
 */
import type http from 'node:http';
import type { Payload } from '@temporalio/common';

export interface JsonPayload {
  metadata?: Record<string, string> | null;
  data?: string | null;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Close the connection after answering: the rest of the request is not worth reading. */
    readonly closeConnection = false,
  ) {
    super(message);
  }
}

/**
 * The body as text, or a 413 HttpError once it passes `limit`. An oversized
 * body is read to its end and thrown away rather than cut off: a reset
 * connection reaches the caller as a network error, not as the 413. A body
 * that runs past `limit + discardBytes` is no longer worth reading: the
 * request is rejected with `closeConnection` set, and the server closes the
 * connection once the 413 is written.
 */
export function readBody(request: http.IncomingMessage, limit: number, discardBytes = limit): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const tooLarge = (close = false) => new HttpError(413, `request body over ${limit} bytes`, close);
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
      } else if (size > limit + discardBytes) {
        request.pause();
        reject(tooLarge(true));
      }
    });
    request.on('end', () => (size > limit ? reject(tooLarge()) : resolve(Buffer.concat(chunks).toString('utf8'))));
    request.on('error', reject);
  });
}

export function parsePayloads(raw: string): Payload[] {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw new HttpError(400, 'body is not JSON');
  }
  const payloads = (body as { payloads?: unknown })?.payloads;
  if (!Array.isArray(payloads)) throw new HttpError(400, 'body must be {"payloads": [...]}');
  return payloads.map((payload: JsonPayload, i) => {
    if (typeof payload !== 'object' || payload === null) throw new HttpError(400, `payloads[${i}] is not an object`);
    const metadata = Object.fromEntries(
      Object.entries(payload.metadata ?? {}).map(([key, value]) => {
        if (typeof value !== 'string') throw new HttpError(400, `payloads[${i}].metadata.${key} must be base64`);
        return [key, Buffer.from(value, 'base64')];
      }),
    );
    if (payload.data != null && typeof payload.data !== 'string')
      throw new HttpError(400, `payloads[${i}].data must be base64`);
    return { metadata, data: Buffer.from(payload.data ?? '', 'base64') };
  });
}

export function toJson(payload: Payload): JsonPayload {
  return {
    metadata: Object.fromEntries(
      Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, Buffer.from(value).toString('base64')]),
    ),
    data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64'),
  };
}
