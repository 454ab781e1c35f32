import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { SEARCH_ATTRIBUTES } from '../../domain/reference';
import { SERVER_DYNAMIC_CONFIG } from '../../worker/server-config';
import { PROJECT_DIR } from '../../tooling/temporal-binaries';

interface ComposeService {
  image: string;
  ports?: string[];
  command?: string | string[];
  volumes?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
}

const compose = parse(readFileSync(path.join(PROJECT_DIR, 'temporal-compose.yml'), 'utf8')) as {
  services: Record<string, ComposeService>;
};
const { services } = compose;

function command(service: ComposeService): string {
  return ([] as string[]).concat(service.command ?? []).join(' ');
}

describe('temporal-compose.yml', () => {
  it('runs PostgreSQL, the Temporal server, the Web UI and admin-tools jobs', () => {
    expect(services.postgresql?.image).toMatch(/^postgres:/);
    expect(services.temporal?.image).toMatch(/^temporalio\/server:/);
    expect(services['temporal-ui']?.image).toMatch(/^temporalio\/ui:/);
    expect(services['temporal-admin-tools']?.image).toMatch(/^temporalio\/admin-tools:/);
    expect(services['temporal-register']?.image).toMatch(/^temporalio\/admin-tools:/);
  });

  it('publishes the gRPC frontend on 7233 and the Web UI on 8080', () => {
    expect(services.temporal?.ports).toContain('7233:7233');
    expect(services['temporal-ui']?.ports).toContain('8080:8080');
  });

  it('starts the server only after the schema job succeeded', () => {
    expect(services.temporal?.depends_on?.['temporal-admin-tools']?.condition).toBe('service_completed_successfully');
  });

  it('registers exactly the search attributes of domain/reference.ts, with their types', () => {
    const registration = command(services['temporal-register']!);
    const registered = Object.fromEntries(
      [...registration.matchAll(/--name (\w+) --type (\w+)/g)].map((match) => [match[1], match[2]]),
    );

    expect(registration).toContain('temporal operator search-attribute create');
    expect(registered).toEqual(SEARCH_ATTRIBUTES);
  });

  it("gives the server the dynamic config of npm start's dev server (worker/server-config.ts)", () => {
    const file = services.temporal?.environment?.DYNAMIC_CONFIG_FILE_PATH;
    expect(file).toBe('config/dynamicconfig/kccp.yaml');
    const dynamicConfig = parse(
      readFileSync(path.join(PROJECT_DIR, 'deploy', 'temporal', 'dynamicconfig', 'kccp.yaml'), 'utf8'),
    ) as Record<string, { value: unknown; constraints?: object }[]>;
    for (const [key, value] of Object.entries(SERVER_DYNAMIC_CONFIG)) {
      expect({ key, values: dynamicConfig[key] }).toEqual({ key, values: [{ value, constraints: {} }] });
    }
  });

  it('mounts only files that exist in the repository', () => {
    const mounted = Object.values(services)
      .flatMap((service) => service.volumes ?? [])
      .filter((volume) => volume.startsWith('./'))
      .map((volume) => volume.split(':')[0]!);

    expect(mounted.length).toBeGreaterThan(0);
    for (const source of mounted) expect(existsSync(path.join(PROJECT_DIR, source))).toBe(true);
  });
});
