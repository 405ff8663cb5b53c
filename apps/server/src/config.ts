/**
 * The one place that reads `process.env` (DESIGN.md convention 7). Every setting is validated
 * at start; an invalid value stops the start with a message naming the variable.
 */
import path from 'node:path';

export interface Config {
  /** TCP port of the HTTP listener. Env `PORT`, default 8080. */
  port: number;
  /** Address to listen on. Env `HOST`, default 127.0.0.1 (loopback only). */
  host: string;
  /** Directory for the SQLite database and generated files. Env `DATA_DIR`, default `./data`. */
  dataDir: string;
  /** pino log level. Env `LOG_LEVEL`, default `info`. */
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Parses an integer setting in [min, max]; records a problem and returns the default otherwise. */
export function intSetting(
  env: Env,
  name: string,
  fallback: number,
  min: number,
  max: number,
  problems: string[],
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) {
    problems.push(`${name}=${JSON.stringify(raw)} is not a whole number (expected ${min}..${max})`);
    return fallback;
  }
  const value = Number(raw.trim());
  if (value < min || value > max) {
    problems.push(`${name}=${raw} is out of range (expected ${min}..${max})`);
    return fallback;
  }
  return value;
}

/** Builds the config from an environment (defaults to `process.env`); throws ConfigError. */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const port = intSetting(env, 'PORT', 8080, 0, 65535, problems);
  const host = (env.HOST ?? '127.0.0.1').trim();
  if (host === '') problems.push('HOST is empty');
  // Relative to where the user ran `pnpm start` (pnpm sets INIT_CWD), not the package folder.
  const dataDir = path.resolve(env.INIT_CWD ?? process.cwd(), env.DATA_DIR ?? './data');
  const logLevel = (env.LOG_LEVEL ?? 'info').trim() as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push(
      `LOG_LEVEL=${JSON.stringify(env.LOG_LEVEL)} is not one of ${LOG_LEVELS.join(', ')}`,
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { port, host, dataDir, logLevel };
}
