/**
 * `Sec-WebSocket-Extensions` (RFC 6455 §9.1):
 *
 *   extension-list = 1#extension
 *   extension = extension-token *( ";" extension-param )
 *   extension-param = token [ "=" (token | quoted-string) ]
 *
 * and a quoted-string value, once unescaped, must itself be a token (§9.1).
 */
import type { ProtocolFinding } from '../shared/problem.js';
import { wsFinding } from './findings.js';

export interface ExtensionParam {
  /** Parameter name, lower-cased (extension parameter names are case-insensitive tokens). */
  name: string;
  /** Value with any quoting removed; `undefined` when the parameter has no value. */
  value?: string;
}

export interface ExtensionElement {
  /** Extension name, lower-cased. */
  name: string;
  params: ExtensionParam[];
}

export type ExtensionsParse =
  { ok: true; extensions: ExtensionElement[] } | { ok: false; finding: ProtocolFinding };

const TCHAR = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** True when `s` is an RFC 9110 §5.6.2 token. */
export function isHttpToken(s: string): boolean {
  return TCHAR.test(s);
}

function syntaxError(detail: string): ExtensionsParse {
  return {
    ok: false,
    finding: wsFinding('extensions-syntax', 'error', '9.1', `Sec-WebSocket-Extensions: ${detail}`, {
      status: 400,
    }),
  };
}

/** Parses every `Sec-WebSocket-Extensions` field value (in order) into extension elements. */
export function parseExtensions(values: readonly string[]): ExtensionsParse {
  const out: ExtensionElement[] = [];
  for (const value of values) {
    let i = 0;
    const n = value.length;
    const skipOws = () => {
      while (i < n && (value[i] === ' ' || value[i] === '\t')) i++;
    };
    const readToken = (): string => {
      const start = i;
      while (i < n && /[!#$%&'*+\-.^_`|~0-9A-Za-z]/.test(value[i]!)) i++;
      return value.slice(start, i);
    };
    while (i < n) {
      skipOws();
      if (value[i] === ',') {
        // Empty list elements are allowed and ignored (RFC 9110 §5.6.1).
        i++;
        continue;
      }
      if (i >= n) break;
      const name = readToken();
      if (name === '') return syntaxError(`expected an extension name at position ${i}`);
      const element: ExtensionElement = { name: name.toLowerCase(), params: [] };
      skipOws();
      while (i < n && value[i] === ';') {
        i++;
        skipOws();
        const pname = readToken();
        if (pname === '') return syntaxError(`expected a parameter name at position ${i}`);
        const param: ExtensionParam = { name: pname.toLowerCase() };
        skipOws();
        if (value[i] === '=') {
          i++;
          skipOws();
          if (value[i] === '"') {
            i++;
            let v = '';
            let closed = false;
            while (i < n) {
              const c = value[i]!;
              if (c === '\\' && i + 1 < n) {
                v += value[i + 1]!;
                i += 2;
              } else if (c === '"') {
                i++;
                closed = true;
                break;
              } else {
                v += c;
                i++;
              }
            }
            if (!closed) return syntaxError('unterminated quoted-string');
            // RFC 6455 §9.1: the unescaped value MUST conform to the token ABNF.
            if (!isHttpToken(v)) return syntaxError(`quoted value "${v}" is not a token`);
            param.value = v;
          } else {
            const v = readToken();
            if (v === '') return syntaxError(`expected a value for ${pname}`);
            param.value = v;
          }
          skipOws();
        }
        element.params.push(param);
      }
      if (i < n && value[i] !== ',') {
        return syntaxError(`unexpected character ${JSON.stringify(value[i])} at position ${i}`);
      }
      i++;
      out.push(element);
    }
  }
  return { ok: true, extensions: out };
}

/** Serializes extension elements as one `Sec-WebSocket-Extensions` value. */
export function serializeExtensions(extensions: readonly ExtensionElement[]): string {
  return extensions
    .map((e) =>
      [
        e.name,
        ...e.params.map((p) => (p.value === undefined ? p.name : `${p.name}=${p.value}`)),
      ].join('; '),
    )
    .join(', ');
}
