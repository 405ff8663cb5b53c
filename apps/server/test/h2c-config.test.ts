/** The TLS listener's settings (issue 8): defaults and validation in the one config module. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('TLS settings', () => {
  it('defaults: on, port 8443, development certificate', () => {
    const config = loadConfig({});
    expect(config.tls).toBe(true);
    expect(config.tlsPort).toBe(8443);
    expect(config.tlsCert).toBeUndefined();
    expect(config.tlsKey).toBeUndefined();
  });

  it('TLS=off, TLS_PORT and the certificate files (resolved from INIT_CWD)', () => {
    const config = loadConfig({
      TLS: 'off',
      TLS_PORT: '9443',
      TLS_CERT: 'certs/c.pem',
      TLS_KEY: '/etc/k.pem',
      INIT_CWD: '/srv/app',
    });
    expect(config.tls).toBe(false);
    expect(config.tlsPort).toBe(9443);
    expect(config.tlsCert).toBe(path.resolve('/srv/app', 'certs/c.pem'));
    expect(config.tlsKey).toBe('/etc/k.pem');
  });

  it('rejects a certificate without its key, a bad switch and a bad port', () => {
    let error: unknown;
    try {
      loadConfig({ TLS_CERT: 'c.pem', TLS: 'maybe', TLS_PORT: '70000' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toContain('TLS_CERT and TLS_KEY');
    expect(problems).toContain('TLS=');
    expect(problems).toContain('TLS_PORT=70000');
  });
});
