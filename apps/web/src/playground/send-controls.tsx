import { useId, useState, type FormEvent } from 'react';
import { parseBase64, parseHex, textToBase64, toBase64 } from './byte-input.js';
import { ApiProblemError } from '../http/post-json.js';
import { sendFrame, type SendAction } from './probe-api.js';

type Kind = 'text' | 'binary' | 'ping' | 'pong' | 'close' | 'raw';
type Encoding = 'text' | 'hex' | 'base64';

/** Selects and one-line inputs also get `h-8`, one height, so a row of them lines up. */
const field =
  'rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900';

/** Payload text in the chosen encoding → base64, or an error message. */
function encode(payload: string, encoding: Encoding): string | { error: string } {
  if (encoding === 'text') return textToBase64(payload);
  const bytes = encoding === 'hex' ? parseHex(payload) : parseBase64(payload);
  return bytes ? toBase64(bytes) : { error: `The payload is not valid ${encoding}.` };
}

/**
 * Sends frames on the probe's open WebSocket: text, binary (hex or base64), ping, pong, close
 * (code and reason), or a raw frame with every header bit chosen (FIN, RSV1-3, opcode, mask),
 * for testing how a server reacts to invalid frames (RFC 6455 §5.2).
 */
export function SendControls({ probeId, disabled }: { probeId: string; disabled: boolean }) {
  const id = useId();
  const [kind, setKind] = useState<Kind>('text');
  const [payload, setPayload] = useState('');
  const [encoding, setEncoding] = useState<Encoding>('hex');
  const [code, setCode] = useState('1000');
  const [reason, setReason] = useState('');
  const [bitsState, setBits] = useState({
    fin: true,
    rsv1: false,
    rsv2: false,
    rsv3: false,
    mask: true,
    allowInvalid: false,
  });
  const [opcode, setOpcode] = useState('1');
  const [status, setStatus] = useState<{ error?: string; sent?: string }>({});
  const [busy, setBusy] = useState(false);

  const build = (): SendAction | { error: string } => {
    switch (kind) {
      case 'text':
        return { type: 'text', text: payload };
      case 'binary':
      case 'ping':
      case 'pong': {
        const data = encode(payload, encoding);
        return typeof data === 'string' ? { type: kind, data } : data;
      }
      case 'close': {
        if (code.trim() === '') return { type: 'close', ...(reason ? { reason } : {}) };
        const n = Number(code);
        if (!Number.isInteger(n) || n < 0 || n > 65535) {
          return { error: 'The close code must be an integer from 0 to 65535.' };
        }
        return { type: 'close', code: n, ...(reason ? { reason } : {}) };
      }
      case 'raw': {
        const op = Number(opcode);
        if (!Number.isInteger(op) || op < 0 || op > 15) {
          return { error: 'The opcode must be 0 to 15 (RFC 6455 §5.2: 4 bits).' };
        }
        const data = encode(payload, encoding);
        return typeof data === 'string' ? { type: 'raw', opcode: op, data, ...bitsState } : data;
      }
    }
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const action = build();
    if ('error' in action) {
      setStatus({ error: action.error });
      return;
    }
    setBusy(true);
    try {
      await sendFrame(probeId, action);
      setStatus({ sent: `Sent a ${kind} frame.` });
    } catch (error) {
      setStatus({
        error: error instanceof ApiProblemError ? error.message : 'The frame could not be sent.',
      });
    } finally {
      setBusy(false);
    }
  };

  const needsPayload = kind !== 'close';
  const needsEncoding = kind === 'binary' || kind === 'ping' || kind === 'pong' || kind === 'raw';
  return (
    <form
      aria-label="Send a frame"
      onSubmit={(e) => void onSubmit(e)}
      className="flex flex-col gap-3 rounded-md border border-zinc-300 p-3 text-sm dark:border-zinc-700"
    >
      <div className="flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-kind`} className="font-medium">
            Frame
          </label>
          <select
            id={`${id}-kind`}
            className={`${field} h-8`}
            value={kind}
            onChange={(e) => setKind(e.target.value as Kind)}
          >
            <option value="text">Text</option>
            <option value="binary">Binary</option>
            <option value="ping">Ping</option>
            <option value="pong">Pong</option>
            <option value="close">Close</option>
            <option value="raw">Raw frame</option>
          </select>
        </div>
        {needsEncoding ? (
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-enc`} className="font-medium">
              Payload as
            </label>
            <select
              id={`${id}-enc`}
              className={`${field} h-8`}
              value={encoding}
              onChange={(e) => setEncoding(e.target.value as Encoding)}
            >
              <option value="hex">Hex</option>
              <option value="base64">Base64</option>
              <option value="text">UTF-8 text</option>
            </select>
          </div>
        ) : null}
        {kind === 'close' ? (
          <>
            <div className="flex flex-col gap-1">
              <label htmlFor={`${id}-code`} className="font-medium">
                Close code
              </label>
              <input
                id={`${id}-code`}
                className={`${field} h-8 w-24`}
                inputMode="numeric"
                value={code}
                onChange={(e) => setCode(e.target.value)}
              />
            </div>
            <div className="flex min-w-40 flex-1 flex-col gap-1">
              <label htmlFor={`${id}-reason`} className="font-medium">
                Reason
              </label>
              <input
                id={`${id}-reason`}
                className={`${field} h-8`}
                maxLength={123}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
            </div>
          </>
        ) : null}
        {kind === 'raw' ? (
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-op`} className="font-medium">
              Opcode (0-15)
            </label>
            <input
              id={`${id}-op`}
              className={`${field} h-8 w-20`}
              inputMode="numeric"
              value={opcode}
              onChange={(e) => setOpcode(e.target.value)}
            />
          </div>
        ) : null}
      </div>
      {kind === 'raw' ? (
        <fieldset className="flex flex-wrap gap-4">
          <legend className="sr-only">Frame header bits</legend>
          {(['fin', 'rsv1', 'rsv2', 'rsv3', 'mask', 'allowInvalid'] as const).map((bit) => (
            <label key={bit} className="flex items-center gap-1">
              <input
                type="checkbox"
                checked={bitsState[bit]}
                onChange={(e) => setBits((b) => ({ ...b, [bit]: e.target.checked }))}
              />
              {bit === 'allowInvalid'
                ? 'Allow invalid'
                : bit === 'mask'
                  ? 'Mask'
                  : bit.toUpperCase()}
            </label>
          ))}
        </fieldset>
      ) : null}
      {needsPayload ? (
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-payload`} className="font-medium">
            Payload
          </label>
          <textarea
            id={`${id}-payload`}
            className={`${field} font-mono`}
            rows={2}
            spellCheck={false}
            value={payload}
            onChange={(e) => setPayload(e.target.value)}
          />
        </div>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          disabled={disabled || busy}
          className="rounded-md bg-teal-700 px-3 py-1.5 font-medium text-white hover:bg-teal-800 disabled:opacity-50"
        >
          Send frame
        </button>
        {/* One state at a time: once the connection is no longer open, an earlier "Sent …" or
            error gives way to a single line saying so (folding in the last frame sent). */}
        {disabled ? (
          <span role="status" className="text-zinc-600 dark:text-zinc-400">
            {status.sent
              ? `${status.sent.replace(/\.$/, '')}; the connection is now closed.`
              : 'The connection is not open.'}
          </span>
        ) : status.error ? (
          <span role="alert" className="text-rose-700 dark:text-rose-300">
            {status.error}
          </span>
        ) : status.sent ? (
          <span role="status" className="text-zinc-600 dark:text-zinc-400">
            {status.sent}
          </span>
        ) : null}
      </div>
    </form>
  );
}
