import { CloseCode } from '@switchyard/protocol';

/** Names from the IANA "WebSocket Close Code Number" registry (RFC 6455 §7.4.1, §11.7). */
const NAMES: Readonly<Record<number, string>> = {
  [CloseCode.Normal]: 'Normal Closure',
  [CloseCode.GoingAway]: 'Going Away',
  [CloseCode.ProtocolError]: 'Protocol error',
  [CloseCode.UnsupportedData]: 'Unsupported Data',
  [CloseCode.Reserved1004]: 'Reserved',
  [CloseCode.NoStatusReceived]: 'No Status Rcvd',
  [CloseCode.AbnormalClosure]: 'Abnormal Closure',
  [CloseCode.InvalidPayload]: 'Invalid frame payload data',
  [CloseCode.PolicyViolation]: 'Policy Violation',
  [CloseCode.MessageTooBig]: 'Message Too Big',
  [CloseCode.MandatoryExtension]: 'Mandatory Ext.',
  [CloseCode.InternalError]: 'Internal Error',
  [CloseCode.ServiceRestart]: 'Service Restart',
  [CloseCode.TryAgainLater]: 'Try Again Later',
  [CloseCode.BadGateway]: 'Bad Gateway',
  [CloseCode.TlsHandshake]: 'TLS handshake',
};

/**
 * A reader's name for a close status code: the registered name, or the range it falls in
 * (RFC 6455 §7.4.2: 3000–3999 for libraries and frameworks, 4000–4999 for private use).
 */
export function closeCodeName(code: number): string {
  const name = NAMES[code];
  if (name) return name;
  if (code >= 3000 && code <= 3999) return 'library or framework code';
  if (code >= 4000 && code <= 4999) return 'private use';
  return 'not a defined code';
}

/** `1000 (Normal Closure)`. */
export function closeCodeLabel(code: number): string {
  return `${code} (${closeCodeName(code)})`;
}
