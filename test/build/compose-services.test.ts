/**
 * The worker and codec-server services of temporal-compose.yml, checked
 * against what they run: the Dockerfile's image, environment variables the
 * code reads, the /healthz endpoints, and the start order.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { instructions } from '../support/dockerfile';

const ROOT = path.resolve(__dirname, '../..');

interface Service {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  ports?: string[];
  volumes?: string[];
}
const { services, volumes } = parse(readFileSync(path.join(ROOT, 'temporal-compose.yml'), 'utf8')) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const worker = services.worker!;
const codec = services['codec-server']!;
const dockerfile = instructions(readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8'));

/**
 * Whether the service code (not tests) names this variable (the mail settings
 * are keys of a zod schema, the rest `env.NAME`), or @temporalio/envconfig does: TEMPORAL_* follow Temporal's own conventions.
 */
function readByCode(name: string): boolean {
  const where = ['worker', 'activities', 'client', 'security', 'platform', 'node_modules/@temporalio/envconfig/lib'];
  const grep = spawnSync('grep', ['-rlw', '--include=*.ts', '--include=*.js', name, ...where], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return grep.stdout.trim().length > 0;
}

describe('temporal-compose.yml: the KCCP services', () => {
  it('builds the worker from the Dockerfile, and runs the codec server from the same image', () => {
    expect(worker.build).toBe('.');
    expect(existsSync(path.join(ROOT, 'Dockerfile'))).toBe(true);
    expect(codec.image).toBe(worker.image);
    expect(codec.command).toEqual(['node', 'dist/security/codec-server-main.js']);
    expect(existsSync(path.join(ROOT, 'security', 'codec-server-main.ts'))).toBe(true);
  });

  it('sets only environment variables the code reads', () => {
    const names = [...Object.keys(worker.environment!), ...Object.keys(codec.environment!)];
    const unread = names.filter((name) => !readByCode(name));
    expect(unread).toEqual([]);
  });

  it('connects both to the compose Temporal server, never to a dev server', () => {
    expect(worker.environment?.TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(codec.environment?.TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(worker.environment?.KCCP_DEV_SERVER).toBe('off');
  });

  it('starts the worker once the search attributes are registered', () => {
    expect(worker.depends_on?.['temporal-register']?.condition).toBe('service_completed_successfully');
    expect(services['temporal-register']?.depends_on?.temporal?.condition).toBe('service_healthy');
  });

  it('checks each service on its /healthz, on the port it listens on', () => {
    expect(worker.healthcheck?.test.join(' ')).toContain(`127.0.0.1:${worker.environment?.HEALTH_PORT}/healthz`);
    expect(codec.healthcheck?.test.join(' ')).toContain(`127.0.0.1:${codec.environment?.KCCP_CODEC_PORT}/healthz`);
    // The image's own HEALTHCHECK probes the same endpoint.
    expect(dockerfile.find((i) => i.op === 'HEALTHCHECK')?.args).toContain('/healthz');
  });

  it('serves the codec server where the Web UI calls it, to the UI origin only', () => {
    const ui = services['temporal-ui']!;
    expect(ui.environment?.TEMPORAL_CODEC_ENDPOINT).toContain('http://localhost:8888');
    expect(codec.ports).toContain('8888:8888');
    expect(codec.environment?.KCCP_CODEC_HOST).toBe('0.0.0.0');
    expect(codec.environment?.KCCP_CODEC_CORS_ORIGIN).toBe('http://localhost:8080');
    expect(ui.ports).toContain('8080:8080');
  });

  it('takes keys and token from the operator, never from the file', () => {
    expect(worker.environment?.KCCP_CODEC_KEYS).toBe('${KCCP_CODEC_KEYS:-}');
    expect(codec.environment?.KCCP_CODEC_KEYS).toBe('${KCCP_CODEC_KEYS:-}');
    expect(codec.environment?.KCCP_CODEC_TOKEN).toBe('${KCCP_CODEC_TOKEN:-}');
  });

  it('declares the named volumes the services mount', () => {
    const named = [...(worker.volumes ?? []), ...(codec.volumes ?? [])]
      .map((v) => v.split(':')[0]!)
      .filter((source) => !source.startsWith('.'));
    for (const name of named) expect(Object.keys(volumes)).toContain(name);
  });
});
