/**
 * The TLS certificate and key: the configured files (`TLS_CERT`, `TLS_KEY`), or a self-signed
 * development certificate for localhost / 127.0.0.1 / ::1, created once under `DATA_DIR/tls`
 * with the `openssl` command and reused on later starts (so a browser exception, once granted,
 * keeps working).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';

/** PEM text of a certificate chain and its key. */
export interface TlsMaterial {
  cert: string;
  key: string;
  /** Where they were read from. */
  certPath: string;
  keyPath: string;
  /** True when the development certificate was created by this call. */
  created: boolean;
}

/** Creates (if missing) and reads the development certificate under `dataDir/tls`. */
export function developmentCertificate(dataDir: string): TlsMaterial {
  const dir = path.join(dataDir, 'tls');
  const certPath = path.join(dir, 'dev-cert.pem');
  const keyPath = path.join(dir, 'dev-key.pem');
  let created = false;
  if (!existsSync(certPath) || !existsSync(keyPath)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // Written under temporary names, then renamed: a crash never leaves half a pair.
    const tmpCert = `${certPath}.${process.pid}.tmp`;
    const tmpKey = `${keyPath}.${process.pid}.tmp`;
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:prime256v1',
          '-nodes',
          '-sha256',
          '-days',
          '397',
          '-subj',
          '/CN=localhost/O=Switchyard development',
          '-addext',
          'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1',
          '-keyout',
          tmpKey,
          '-out',
          tmpCert,
        ],
        { stdio: 'pipe', timeout: 30_000 },
      );
    } catch (err) {
      throw new Error(
        `could not create a development TLS certificate with openssl (${(err as Error).message}); set TLS_CERT and TLS_KEY, or TLS=off`,
      );
    }
    renameSync(tmpKey, keyPath);
    renameSync(tmpCert, certPath);
    created = true;
  }
  return {
    cert: readFileSync(certPath, 'utf8'),
    key: readFileSync(keyPath, 'utf8'),
    certPath,
    keyPath,
    created,
  };
}

/** The configured pair, or the development certificate. */
export function tlsMaterial(config: {
  dataDir: string;
  tlsCert: string | undefined;
  tlsKey: string | undefined;
}): TlsMaterial {
  if (config.tlsCert !== undefined && config.tlsKey !== undefined) {
    return {
      cert: readFileSync(config.tlsCert, 'utf8'),
      key: readFileSync(config.tlsKey, 'utf8'),
      certPath: config.tlsCert,
      keyPath: config.tlsKey,
      created: false,
    };
  }
  return developmentCertificate(config.dataDir);
}
