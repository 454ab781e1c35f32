import { healthPortFromEnv, startHealthServer } from '../../worker/health';

describe('worker health endpoint', () => {
  it('answers 200 while the worker runs and 503 while it drains', async () => {
    let state = 'RUNNING';
    const health = await startHealthServer({ port: 0, state: () => state });
    try {
      const url = `http://127.0.0.1:${health.port}/healthz`;
      const running = await fetch(url);
      state = 'DRAINING';
      const draining = await fetch(url);

      expect(running.status).toBe(200);
      expect(await running.json()).toEqual({ status: 'ok', worker: 'RUNNING' });
      expect(draining.status).toBe(503);
      expect((await fetch(`http://127.0.0.1:${health.port}/other`)).status).toBe(404);
    } finally {
      await health.close();
    }
  });

  it('reads HEALTH_PORT: 9464 by default, off disables, garbage is refused by name', () => {
    expect(healthPortFromEnv({})).toBe(9464);
    expect(healthPortFromEnv({ HEALTH_PORT: '9000' })).toBe(9000);
    expect(healthPortFromEnv({ HEALTH_PORT: 'off' })).toBeUndefined();
    expect(() => healthPortFromEnv({ HEALTH_PORT: 'ninety' })).toThrow('HEALTH_PORT');
  });
});
