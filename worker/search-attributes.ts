/**
 * The custom search attributes of domain/reference.ts in the forms servers
 * want them: typed keys for the SDK, `--search-attribute` flags for the dev
 * server, and an idempotent registration through the operator service for
 * servers where the flag cannot help (an existing dev-server database keeps
 * the attributes it was created with and ignores new flags; the time-skipping
 * server has no such flag).
 */
import { isGrpcServiceError, type Connection } from '@temporalio/client';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import {
  encodeSearchAttributeIndexedValueType,
  type SearchAttributeKey,
} from '@temporalio/common/lib/search-attributes';
import { SEARCH_ATTRIBUTES, type SearchAttributeName } from '../domain/reference';

type IndexedValueType = NonNullable<ReturnType<typeof encodeSearchAttributeIndexedValueType>>;

const SDK_TYPE: Record<(typeof SEARCH_ATTRIBUTES)[SearchAttributeName], SearchAttributeType> = {
  Keyword: SearchAttributeType.KEYWORD,
  Int: SearchAttributeType.INT,
};

export function courseSearchAttributeKeys(): SearchAttributeKey<SearchAttributeType>[] {
  return (Object.keys(SEARCH_ATTRIBUTES) as SearchAttributeName[]).map((name) =>
    defineSearchAttributeKey(name, SDK_TYPE[SEARCH_ATTRIBUTES[name]]),
  );
}

/** `--search-attribute Name=Type` pairs for `temporal server start-dev`. */
export function searchAttributeFlags(): string[] {
  return Object.entries(SEARCH_ATTRIBUTES).flatMap(([name, type]) => ['--search-attribute', `${name}=${type}`]);
}

// gRPC status codes, spelled out: @grpc/grpc-js is not a direct dependency.
const ALREADY_EXISTS = 6;
const UNIMPLEMENTED = 12;

/**
 * Adds whichever course attributes the namespace lacks; returns their names.
 * An attribute registered with another type is an error to fix by hand, never
 * something to overwrite.
 */
export async function registerCourseSearchAttributes(connection: Connection, namespace: string): Promise<string[]> {
  let registered: Record<string, unknown>;
  try {
    registered = (await connection.operatorService.listSearchAttributes({ namespace })).customAttributes ?? {};
  } catch (error) {
    // The time-skipping test server can add attributes but not list them.
    if (isGrpcServiceError(error) && error.code === UNIMPLEMENTED) return addEachAttribute(connection, namespace);
    throw error;
  }
  const missing: Record<string, IndexedValueType> = {};
  for (const key of courseSearchAttributeKeys()) {
    const wanted = indexedValueType(key);
    const existing = registered[key.name];
    if (existing === undefined || existing === null) missing[key.name] = wanted;
    else if (existing !== wanted) {
      throw new Error(`Search attribute ${key.name} is registered with another type; expected ${key.type}`);
    }
  }
  const names = Object.keys(missing);
  if (names.length > 0) await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: missing });
  return names;
}

async function addEachAttribute(connection: Connection, namespace: string): Promise<string[]> {
  const added: string[] = [];
  for (const key of courseSearchAttributeKeys()) {
    try {
      await connection.operatorService.addSearchAttributes({
        namespace,
        searchAttributes: { [key.name]: indexedValueType(key) },
      });
      added.push(key.name);
    } catch (error) {
      if (!(isGrpcServiceError(error) && error.code === ALREADY_EXISTS)) throw error;
    }
  }
  return added;
}

function indexedValueType(key: SearchAttributeKey<SearchAttributeType>): IndexedValueType {
  const encoded = encodeSearchAttributeIndexedValueType(key.type);
  if (encoded === undefined) throw new Error(`No indexed value type for search attribute type ${key.type}`);
  return encoded;
}
