/**
 * Which methods the app answers on a path, so that a request with another method gets 405 with
 * `Allow` instead of 404 (RFC 9110 §15.5.6: 405 when the method "is known by the origin server
 * but not supported by the target resource"; the response MUST carry Allow). Fastify itself
 * answers 404 to any method it has no route for, so the routes are mirrored here, as they are
 * added, in a router of their own (find-my-way, the router Fastify uses, with its defaults).
 */
import FindMyWay from 'find-my-way';
import type { HTTPMethod } from 'find-my-way';

/** Conventional order of the Allow list; other methods follow in the order first seen. */
const ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

export class AllowedMethods {
  private readonly router = FindMyWay();
  private readonly methods = new Set<string>(ORDER);
  /** Methods of catch-all routes (`*`, e.g. a CORS preflight answerer): they answer on any
   * path, so they do not make a path exist, but they are offered where one does. */
  private readonly everywhere = new Set<string>();

  /** Records a route (as Fastify's `onRoute` hook sees it). */
  add(method: string | string[], url: string): void {
    const methods = Array.isArray(method) ? method : [method];
    if (url === '*' || url === '/*') {
      for (const m of methods) this.everywhere.add(m);
      return;
    }
    for (const m of methods) {
      this.methods.add(m);
      try {
        this.router.on(m as HTTPMethod, url, () => undefined);
      } catch {
        // A method find-my-way does not know, or a duplicate: Fastify has accepted the route
        // already, and this table only informs an Allow header.
      }
    }
  }

  /** The methods with a route matching `path` (no query), in the order of an Allow list. */
  for(path: string): string[] {
    const out: string[] = [];
    for (const m of this.methods) {
      // CONNECT routes answer HTTP/2 extended CONNECT only (RFC 8441 §4); not a method to offer.
      if (m === 'CONNECT') continue;
      if (this.router.find(m as HTTPMethod, path) !== null) out.push(m);
    }
    if (out.length === 0) return out;
    for (const m of this.everywhere) if (m !== 'CONNECT' && !out.includes(m)) out.push(m);
    return out;
  }
}
