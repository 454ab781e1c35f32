import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { prebuiltWorkflowBundle } from '../../worker/bootstrap';

describe('which workflow code the worker loads', () => {
  it('bundles at start when run from the TypeScript sources, even with a dist/ built beside them', () => {
    // worker/../workflow-bundle.js does not exist: only dist/worker/ has a bundle beside it.
    expect(prebuiltWorkflowBundle({})).toBeUndefined();
  });

  it('loads the bundle KCCP_WORKFLOW_BUNDLE names, and refuses one that is not there', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kccp-bundle-'));
    try {
      const file = path.join(dir, 'workflow-bundle.js');
      writeFileSync(file, '// a bundle');
      expect(prebuiltWorkflowBundle({ KCCP_WORKFLOW_BUNDLE: file })).toEqual({ codePath: file });
      expect(() => prebuiltWorkflowBundle({ KCCP_WORKFLOW_BUNDLE: path.join(dir, 'missing.js') })).toThrow(
        /KCCP_WORKFLOW_BUNDLE names no file/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
