import { describeConnectionSettings, isLocalPlainAddress, loadConnectionSettings } from '../../client/connection';

// With no HOME or XDG_CONFIG_HOME, a developer's ~/.config/temporalio/temporal.toml stays out of these tests.
const noProfile = {};

describe('loadConnectionSettings', () => {
  it('defaults to the local dev server and the default namespace', () => {
    const settings = loadConnectionSettings({ ...noProfile });

    expect(settings).toEqual({ address: 'localhost:7233', namespace: 'default' });
    expect(isLocalPlainAddress(settings)).toBe(true);
  });

  it('follows TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE and TEMPORAL_API_KEY, which turns TLS on', () => {
    const settings = loadConnectionSettings({
      ...noProfile,
      TEMPORAL_ADDRESS: 'kccp.a1b2c.tmprl.cloud:7233',
      TEMPORAL_NAMESPACE: 'kccp.a1b2c',
      TEMPORAL_API_KEY: 'secret-key-value',
    });

    expect(settings).toMatchObject({ address: 'kccp.a1b2c.tmprl.cloud:7233', namespace: 'kccp.a1b2c', tls: true });
    expect(isLocalPlainAddress(settings)).toBe(false);
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
});
