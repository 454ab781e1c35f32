/**
 * Runs a Dockerfile's stages as plain shell steps in a folder per stage, since
 * Docker does not run on the build machines: each COPY copies, each RUN runs
 * in the stage's folder with the stage's ENV, and the runtime stage's CMD and
 * HEALTHCHECK are returned to be run as they are. Two steps are replaced, each
 * named in `replaced` with why: the rest is the Dockerfile's own text.
 */
import { execFileSync, execSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface Stage {
  name: string;
  image: string;
  dir: string;
  env: Record<string, string>;
  user?: string;
  cmd?: string[];
  healthcheck?: string[];
}

/** The Dockerfile's instructions, one per logical line (continuations joined, comments dropped). */
export function instructions(text: string): Array<{ op: string; args: string }> {
  return text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const op = line.split(/\s+/)[0]!;
      return { op: op.toUpperCase(), args: line.slice(op.length).trim() };
    });
}

/** Steps the build machine cannot run as written, and what runs instead. */
export const replaced: Record<string, { why: string; run: (stageDir: string, repo: string) => void }> = {
  'npm ci --no-audit --no-fund': {
    why: 'npm ci downloads every package (minutes); the repository’s node_modules, installed from the same lock file, is hard-linked instead',
    run: (dir, repo) =>
      execFileSync('cp', ['-al', `${path.join(repo, 'node_modules')}/.`, path.join(dir, 'node_modules')]),
  },
  'mkdir -p var/outbox var/reports && chown -R node:node var': {
    why: 'the image has a `node` user, the build machine does not: the folders are made, the owner is the image’s business',
    run: (dir) => mkdirSync(path.join(dir, 'var', 'outbox'), { recursive: true }),
  },
};

export function parseStages(dockerfile: string, workDir: string): Stage[] {
  const stages: Stage[] = [];
  for (const { op, args } of instructions(readFileSync(dockerfile, 'utf8'))) {
    if (op === 'FROM') {
      const [image, , name] = args.split(/\s+/);
      stages.push({ name: name ?? String(stages.length), image: image!, dir: path.join(workDir, name!), env: {} });
      continue;
    }
    const stage = stages[stages.length - 1]!;
    if (op === 'ENV') {
      for (const [, key, value] of args.matchAll(/(\w+)=(\S+)/g)) stage.env[key!] = value!;
    } else if (op === 'USER') stage.user = args;
    else if (op === 'CMD') stage.cmd = JSON.parse(args) as string[];
    else if (op === 'HEALTHCHECK')
      stage.healthcheck = JSON.parse(args.slice(args.indexOf('CMD') + 3).trim()) as string[];
  }
  return stages;
}

/** Carries out one stage in order: its COPYs and RUNs interleaved as written. */
export function runStage(dockerfile: string, stage: Stage, stages: Stage[], repo: string, workdir = '/app'): void {
  mkdirSync(stage.dir, { recursive: true });
  const ordered = instructions(readFileSync(dockerfile, 'utf8'));
  let current = '';
  for (const { op, args } of ordered) {
    if (op === 'FROM') current = args.split(/\s+/)[2] ?? '';
    if (current !== stage.name) continue;
    if (op === 'COPY') {
      const from = /--from=(\S+)/.exec(args)?.[1];
      const parts = args.replace(/--\S+/g, '').trim().split(/\s+/);
      const target = parts.pop()!;
      const base = from ? stages.find((s) => s.name === from)!.dir : repo;
      for (const source of parts) {
        const src = path.join(base, from ? path.relative(workdir, source) : source);
        const dst = target.endsWith('/')
          ? path.join(stage.dir, target, path.basename(source))
          : path.join(stage.dir, target);
        mkdirSync(path.dirname(dst), { recursive: true });
        // Hard links where a tree is large (node_modules); plain copies are the same files.
        if (source.endsWith('node_modules')) execFileSync('cp', ['-al', src, dst]);
        else cpSync(src, dst, { recursive: true, dereference: true });
      }
    } else if (op === 'RUN') {
      const substitute = replaced[args];
      if (substitute) substitute.run(stage.dir, repo);
      else execSync(args, { cwd: stage.dir, env: { ...process.env, ...stage.env }, stdio: 'pipe' });
    }
  }
}
