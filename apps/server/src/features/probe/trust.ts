/**
 * Which certificates the server's probe trusts for `wss`/`https` targets: Node's bundled roots
 * (`tls.rootCertificates`, Mozilla's list) plus this server's own TLS certificate (the configured
 * `TLS_CERT`, or the self-signed development certificate of features/h2c/dev-cert.ts), so the
 * playground can probe the server's own https address. Verification stays on: any other
 * self-signed or unknown certificate is still refused (RFC 9110 §4.3.4: an https origin's
 * certificate must be trusted for its authority; RFC 6125 identity checks are unchanged).
 *
 * `ca` replaces Node's default store rather than adding to it, so the list passes both.
 * Certificates added through `NODE_EXTRA_CA_CERTS` are not in `tls.rootCertificates` and are
 * therefore not trusted by the server's probe.
 */
import tls from 'node:tls';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../config.js';
import { tlsMaterial } from '../h2c/dev-cert.js';

/** The config fields the trust list depends on. */
type TrustConfig = Pick<Config, 'tls' | 'dataDir' | 'tlsCert' | 'tlsKey'>;

/** The CA list for the probe, built on first need (see {@link ProbeTrust.ca}). */
export interface ProbeTrust {
  /**
   * Trusted CA certificates (PEM): the default roots plus the server's own certificate, or
   * `undefined` (Node's defaults) when TLS is off or the certificate cannot be read.
   */
  ca(): string[] | undefined;
}

/**
 * Creates the trust list of the probe feature. The server's certificate is read once, on the
 * first call (a TLS-enabled server has created it when its listener started), and only when
 * `config.tls` is on: without a TLS listener there is no certificate of ours to trust.
 */
export function probeTrust(config: TrustConfig, log: FastifyBaseLogger): ProbeTrust {
  let cached: string[] | undefined;
  return {
    ca() {
      if (!config.tls) return undefined;
      if (cached !== undefined) return cached;
      try {
        const own = tlsMaterial(config).cert;
        cached = [...tls.rootCertificates, own];
        return cached;
      } catch (error) {
        log.warn({ err: error }, 'probe: the server certificate could not be read; not trusted');
        return undefined;
      }
    },
  };
}

/** True when a probe of `url` may meet TLS: a `wss`/`https` target, or any followed redirect. */
export function mayUseTls(url: string, followRedirects: number): boolean {
  return /^(wss|https):/i.test(url) || followRedirects > 0;
}
