/**
 * A throw-away PostgreSQL server for tests: `initdb` into a temp dir, `postgres` listening only
 * on a Unix socket inside that dir (no TCP port, so nothing to race for and nothing off
 * loopback), stopped and deleted by `stop()`.
 *
 * initdb and postgres refuse to run as root; when the tests run as root (CI), both run as the
 * `postgres` user (created by Debian's postgresql package) through `setpriv` or `runuser`, and
 * the temp dir is chowned to it. Binaries are looked up in /usr/lib/postgresql/<newest>/bin first, then in
 * /usr/local/bin and /usr/bin (a fresh Debian machine only has the former).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/** A running server; `url(db)` builds a DATABASE_URL for one of its databases. */
export interface TestPostgres {
  /** Socket directory (the `host` of a connection). */
  socketDir: string;
  url(database?: string): string;
  /** Creates an empty database and returns its DATABASE_URL. */
  createDatabase(): Promise<string>;
  /** Immediate shutdown (as abrupt as a crash); the data dir stays for `restart`. */
  kill(): Promise<void>;
  /** Starts the server again on the same data dir and socket (bounded: ~20 s). */
  restart(): Promise<void>;
  /** Immediate shutdown and removal of the data dir. Idempotent. */
  stop(): Promise<void>;
}

const USER = 'switchyard';
const PORT = 5432; // only names the socket file (.s.PGSQL.5432) inside our own dir

/** The directory holding initdb and postgres, or undefined when PostgreSQL is not installed. */
export function findPostgresBin(): string | undefined {
  const candidates: string[] = [];
  const lib = '/usr/lib/postgresql';
  if (fs.existsSync(lib)) {
    const versions = fs
      .readdirSync(lib)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) candidates.push(path.join(lib, v, 'bin'));
  }
  candidates.push('/usr/local/bin', '/usr/bin');
  return candidates.find(
    (dir) => fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'postgres')),
  );
}

function userIds(name: string): { uid: number; gid: number } | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    return undefined;
  }
}

/**
 * argv prefix that runs a command as the postgres user when we are root: `setpriv` (no PAM
 * session, so it works in containers where `runuser` may be refused), else `runuser`.
 */
function asPostgres(dir: string): string[] {
  if (process.getuid?.() !== 0) return [];
  const ids = userIds('postgres');
  if (!ids) throw new Error('running as root and no "postgres" user exists to run PostgreSQL');
  fs.chownSync(dir, ids.uid, ids.gid);
  const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => fs.existsSync(p));
  return setpriv
    ? [setpriv, `--reuid=${ids.uid}`, `--regid=${ids.gid}`, '--init-groups', '--']
    : ['runuser', '-u', 'postgres', '--'];
}

function run(argv: string[], timeoutMs: number): void {
  const [cmd, ...args] = argv;
  execFileSync(cmd!, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
}

async function waitReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const until = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`postgres exited early:\n${log()}`);
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (error) {
      if (Date.now() > until)
        throw new Error(`postgres not ready in 20 s: ${String(error)}\n${log()}`);
    } finally {
      await client.end().catch(() => {});
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Starts a server (bounded: ~30 s at most). Call `stop()` in afterAll. */
export async function startPostgres(): Promise<TestPostgres> {
  const bin = findPostgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed (apt-get install postgresql)');
  // /tmp rather than $TMPDIR: the postgres user must reach it, and a Unix socket path must stay
  // under ~107 bytes.
  const base = fs.existsSync('/tmp') ? '/tmp' : os.tmpdir();
  const root = fs.mkdtempSync(path.join(base, 'switchyard-pg-'));
  const prefix = asPostgres(root);
  const data = path.join(root, 'data');
  run(
    [
      ...prefix,
      path.join(bin, 'initdb'),
      '-D',
      data,
      '-U',
      USER,
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
      '--no-sync',
    ],
    60_000,
  );
  const postmasterPid = (): number | undefined => {
    try {
      const first = fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0];
      const pid = Number(first);
      return Number.isInteger(pid) && pid > 0 ? pid : undefined;
    } catch {
      return undefined;
    }
  };
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  // SIGQUIT = immediate shutdown of the postmaster we started (its pid from postmaster.pid,
  // since under runuser our child is runuser itself).
  const signalServer = () => {
    const pid = postmasterPid();
    try {
      if (pid !== undefined) process.kill(pid, 'SIGQUIT');
      else if (child?.pid !== undefined) process.kill(child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  // If the worker dies without afterAll, do not leave a server behind.
  process.once('exit', signalServer);
  const url = (database = 'postgres') =>
    `postgresql://${USER}@/${database}?host=${encodeURIComponent(root)}&port=${PORT}`;

  const launch = async (): Promise<void> => {
    let output = '';
    const c = spawn(
      prefix[0] ?? path.join(bin, 'postgres'),
      [
        ...prefix.slice(1),
        ...(prefix.length > 0 ? [path.join(bin, 'postgres')] : []),
        '-D',
        data,
        '-k',
        root,
        '-c',
        'listen_addresses=',
        '-p',
        String(PORT),
        '-F', // fsync off: a test database need not survive a power cut
        '-c',
        'max_connections=60',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = c;
    c.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    c.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
    await waitReady(url(), c, () => output);
  };
  /** Immediate shutdown; resolves once the server process is gone (bounded). */
  const kill = async (): Promise<void> => {
    const c = child;
    if (!c || c.exitCode !== null) return;
    signalServer();
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (c.exitCode === null) c.kill('SIGKILL');
  };

  try {
    await launch();
  } catch (error) {
    signalServer();
    process.removeListener('exit', signalServer);
    fs.rmSync(root, { recursive: true, force: true });
    throw error;
  }

  let n = 0;
  return {
    socketDir: root,
    url,
    async createDatabase() {
      const name = `t${process.pid}_${++n}`;
      const admin = new pg.Client({ connectionString: url() });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name} STRATEGY FILE_COPY`);
      } finally {
        await admin.end();
      }
      return url(name);
    },
    kill,
    restart: launch,
    async stop() {
      await kill();
      process.removeListener('exit', signalServer);
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
