import { describeConnectionSettings, isLocalPlainAddress, loadConnectionSettings } from '../../platform/connection';

// With no HOME or XDG_CONFIG_HOME, a developer's ~/.config/temporalio/temporal.toml stays out of these tests.
const noProfile = {};

describe('loadConnectionSettings', () => {
  it('defaults to the local dev server and the default namespace', async () => {
    const settings = loadConnectionSettings({ ...noProfile });

    expect(settings).toEqual({ address: 'localhost:7233', namespace: 'default' });
    expect(await isLocalPlainAddress(settings)).toBe(true);
  });

  it('follows TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE and TEMPORAL_API_KEY, which turns TLS on', async () => {
    const settings = loadConnectionSettings({
      ...noProfile,
      TEMPORAL_ADDRESS: 'kccp.a1b2c.tmprl.cloud:7233',
      TEMPORAL_NAMESPACE: 'kccp.a1b2c',
      TEMPORAL_API_KEY: 'secret-key-value',
    });

    expect(settings).toMatchObject({ address: 'kccp.a1b2c.tmprl.cloud:7233', namespace: 'kccp.a1b2c', tls: true });
    expect(await isLocalPlainAddress(settings)).toBe(false);
  });

  it('reads a named profile from a TOML config file', () => {
    const settings = loadConnectionSettings({
      TEMPORAL_CONFIG_FILE: require.resolve('../support/fixtures/temporal.toml'),
      TEMPORAL_PROFILE: 'staging',
    });

    expect(settings).toEqual({ address: 'staging.kccp.example:7233', namespace: 'kccp-staging' });
  });

  it('describes the settings without the API key', () => {
    const settings = loadConnectionSettings({ ...noProfile, TEMPORAL_API_KEY: 'secret-key-value' });

    const description = describeConnectionSettings(settings);
    expect(description).toBe('localhost:7233 namespace=default tls=on, API key set');
    expect(description).not.toContain('secret-key-value');
  });

  it.each([
    ['localhost:7233', true],
    ['127.0.0.1:45678', true],
    ['127.8.9.10:7233', true],
    ['[::1]:7233', true],
    ['[::ffff:127.0.0.1]:7233', true],
    // Starts like a loopback address, is a name: resolved, and it is not this machine.
    ['127.attacker.example:7233', false],
    ['127.0.0.1.attacker.example:7233', false],
    ['10.0.0.7:7233', false],
    ['[::2]:7233', false],
  ])('decides loopback by the resolved address, not the spelling: %s → %s', async (address, local) => {
    expect(await isLocalPlainAddress(loadConnectionSettings({ ...noProfile, TEMPORAL_ADDRESS: address }))).toBe(local);
  });
});
