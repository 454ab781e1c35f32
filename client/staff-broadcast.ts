/**
 * Tells every running course to reload its staff roster. A course reads the
 * roster from its worker's file only when told (or at start), so without this
 * a revoked key would keep signing decisions in courses already running.
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { courseLifecycleWorkflowType, staffKeysChangedSignal } from '../workflows/messages';

/** Only the live run of each course: closed runs (continued as new, ended) take no signal. */
export const RUNNING_COURSES_QUERY = `WorkflowType = '${courseLifecycleWorkflowType}' AND ExecutionStatus = 'Running'`;

export interface BroadcastProgress {
  done: number;
  failed: number;
  /** What visibility counted before the listing began; courses start and end meanwhile. */
  expected?: number;
}

export interface BroadcastOptions {
  /** Signals in flight at once: enough to be quick, few enough not to flood the frontend. */
  concurrency: number;
  onProgress?: (progress: BroadcastProgress) => void;
}

export interface BroadcastResult {
  query: string;
  /** Courses that received the signal, by workflow id. */
  told: string[];
  /** Listed as running, ended before the signal reached them: nothing to reload. */
  ended: string[];
  failed: { workflowId: string; error: string }[];
}

export class BroadcastListingError extends Error {
  constructor(
    message: string,
    readonly partial: BroadcastResult,
  ) {
    super(message);
    this.name = 'BroadcastListingError';
  }
}

export async function broadcastStaffKeysChanged(client: Client, options: BroadcastOptions): Promise<BroadcastResult> {
  const result: BroadcastResult = { query: RUNNING_COURSES_QUERY, told: [], ended: [], failed: [] };
  let expected: number | undefined;
  try {
    expected = (await client.workflow.count(RUNNING_COURSES_QUERY)).count;
  } catch {
    // The count only feeds the progress line; the listing below decides.
  }
  // The SDK's listing fetches page after page as it is consumed; concurrent next() calls are queued by the generator.
  const courses = client.workflow.list({ query: RUNNING_COURSES_QUERY, pageSize: 500 })[Symbol.asyncIterator]();
  const seen = new Set<string>();
  let listingError: unknown;

  const tellNext = async (): Promise<void> => {
    for (;;) {
      let next: IteratorResult<{ workflowId: string }>;
      try {
        next = await courses.next();
      } catch (error) {
        listingError ??= error;
        return;
      }
      if (next.done || listingError) return;
      const { workflowId } = next.value;
      if (seen.has(workflowId)) continue;
      seen.add(workflowId);
      try {
        // By id, not run: a course that continued as new since the listing gets it in its live run.
        await client.workflow.getHandle(workflowId).signal(staffKeysChangedSignal);
        result.told.push(workflowId);
      } catch (error) {
        if (error instanceof WorkflowNotFoundError) result.ended.push(workflowId);
        else result.failed.push({ workflowId, error: (error as Error).message });
      }
      const done = result.told.length + result.ended.length + result.failed.length;
      options.onProgress?.({ done, failed: result.failed.length, expected });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, tellNext));

  if (listingError) {
    throw new BroadcastListingError(
      `listing running courses failed after ${result.told.length} were told: ${(listingError as Error).message}`,
      result,
    );
  }
  return result;
}
