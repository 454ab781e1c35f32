import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { defineSearchAttributeKey, SearchAttributeType, TypedSearchAttributes } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { SEARCH_ATTRIBUTES } from '../../domain/reference';
import { sleepAndReadClock } from '../workflows-fixture';
import { createTestWorker, startDevServer, temporalBinaries } from '../support/temporal';
import { waitFor } from '../support/wait-for';

const execFileAsync = promisify(execFile);
const CourseCode = defineSearchAttributeKey('CourseCode', SearchAttributeType.KEYWORD);

describe('dev server started by the test harness', () => {
  let env: TestWorkflowEnvironment;
  let cli: string;

  beforeAll(async () => {
    cli = (await temporalBinaries()).cli.path;
    env = await startDevServer();
  });

  afterAll(async () => {
    await env?.teardown();
  });

  async function temporalCli(...args: string[]): Promise<string> {
    const { stdout } = await execFileAsync(cli, [...args, '--address', env.address, '--output', 'json']);
    return stdout;
  }

  it('registers all five course search attributes with their types', async () => {
    const listed = JSON.parse(await temporalCli('operator', 'search-attribute', 'list')) as {
      customAttributes: Record<string, string>;
    };

    const expected = Object.fromEntries(
      Object.entries(SEARCH_ATTRIBUTES).map(([name, type]) => [name, `INDEXED_VALUE_TYPE_${type.toUpperCase()}`]),
    );
    expect(listed.customAttributes).toMatchObject(expected);
  });

  it('runs a workflow that the real CLI then finds by its CourseCode search attribute', async () => {
    const taskQueue = `foundation-${randomUUID()}`;
    const workflowId = `found-${randomUUID()}`;
    const worker = await createTestWorker(env, {
      taskQueue,
      workflowsPath: require.resolve('../workflows-fixture'),
      activities: {},
    });

    await worker.runUntil(
      env.client.workflow.execute(sleepAndReadClock, {
        args: [10],
        taskQueue,
        workflowId,
        typedSearchAttributes: new TypedSearchAttributes([{ key: CourseCode, value: 'FOUND-001' }]),
      }),
    );

    // Visibility is eventually consistent: wait until the list shows the workflow, with a deadline.
    const found = await waitFor(
      async () => {
        const rows = JSON.parse(
          (await temporalCli('workflow', 'list', '--query', 'CourseCode="FOUND-001"')) || '[]',
        ) as Array<{ execution: { workflowId: string } }>;
        return rows.find((row) => row.execution.workflowId === workflowId);
      },
      { timeoutMs: 15_000, description: `${workflowId} in the CourseCode="FOUND-001" list` },
    );
    expect(found.execution.workflowId).toBe(workflowId);
  });
});
