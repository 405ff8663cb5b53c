/** Redirects in HTTP inspection mode (RFC 9110 §15.4): the next hop's URL, method and headers. */
import type { ComposedLine, ComposedRequestHead } from '@switchyard/protocol';
import type { TargetUrl } from './target-url.js';
import { parseTargetUrl } from './target-url.js';

/** Builds the next hop of a redirect (RFC 9110 §15.4), or says why it is not followed. */
export function nextHop(
  url: TargetUrl,
  head: ComposedRequestHead,
  body: Uint8Array,
  status: number,
  location: string,
): { url: TargetUrl; head: ComposedRequestHead; body: Uint8Array } | string {
  let next: TargetUrl;
  try {
    next = parseTargetUrl(new URL(location, url.href).href);
  } catch (error) {
    return `Location ${JSON.stringify(location)} is not followed: ${(error as Error).message}`;
  }
  if (next.websocket) return `Location ${location} is not an http(s) URL`;
  let method = head.method ?? 'GET';
  let nextBody = body;
  // RFC 9110 §15.4.4: after 303 use GET (or HEAD); §15.4.2/§15.4.3: user agents may change
  // POST to GET after 301/302 (and browsers do). 307/308 keep the method and content.
  if (
    (status === 303 && method !== 'HEAD') ||
    ((status === 301 || status === 302) && method === 'POST')
  ) {
    method = 'GET';
    nextBody = new Uint8Array(0);
  }
  const crossOrigin = next.scheme !== url.scheme || next.authority !== url.authority;
  const dropped = new Set<string>();
  if (nextBody.length === 0)
    ['content-length', 'content-type', 'transfer-encoding'].forEach((n) => dropped.add(n));
  // Credentials do not follow a redirect to another origin (as fetch does).
  if (crossOrigin)
    ['authorization', 'cookie', 'proxy-authorization'].forEach((n) => dropped.add(n));
  const headers: ComposedLine[] = [];
  for (const line of head.headers) {
    const name = Array.isArray(line) ? (line[0] as string) : 'name' in line ? line.name : undefined;
    const lower = name?.toLowerCase();
    if (lower !== undefined && dropped.has(lower)) continue;
    if (lower === 'host') headers.push([name!, next.authority]);
    else headers.push(line);
  }
  const nextHead: ComposedRequestHead = { ...head, method, target: next.path, headers };
  delete nextHead.startLine;
  return { url: next, head: nextHead, body: nextBody };
}
