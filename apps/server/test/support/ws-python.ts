/**
 * Runs the python-websockets client fixture (ws-python-client.py) with Debian's
 * /usr/bin/python3 (websockets 10.4; the pyenv python3 on PATH lacks it), bounded by a timeout.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./ws-python-client.py', import.meta.url));
export const PYTHON = '/usr/bin/python3';

/** What the python client printed. */
export interface PythonOutcome {
  opened: boolean;
  exception: string | null;
  message: string;
  rcvd: number | null;
  sent: number | null;
  received: string[];
  pong: boolean | null;
}

/** Connects with python-websockets; `options` as documented in the script. */
export function pythonClient(
  url: string,
  options: Record<string, unknown> = {},
): Promise<PythonOutcome> {
  return new Promise((resolve, reject) => {
    execFile(
      PYTHON,
      [SCRIPT, url, JSON.stringify(options)],
      { timeout: 30_000, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => {
        const line = stdout.trim().split('\n').pop() ?? '';
        try {
          resolve(JSON.parse(line) as PythonOutcome);
        } catch {
          reject(new Error(`python client failed: ${error?.message ?? ''} ${stderr}`));
        }
      },
    );
  });
}
