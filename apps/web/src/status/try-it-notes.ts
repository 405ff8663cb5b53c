/**
 * What a browser's fetch cannot show for a given status, so Try it explains instead of
 * pretending. Returns null when fetch shows the response as it is.
 */
export function tryItCaveat(code: number): string | null {
  if (code === 101) {
    return 'A browser cannot send Upgrade with fetch (it is a forbidden request header), so the simulator cannot switch protocols here; expect its 426 answer explaining why. Use a WebSocket client or curl to see a real 101.';
  }
  if (code >= 100 && code < 200) {
    return 'Fetch never surfaces interim (1xx) responses: you see the final response that followed. curl -v shows the interim one on the wire.';
  }
  // Fetch standard: a "redirect status" is 301, 302, 303, 307 or 308.
  if ([301, 302, 303, 307, 308].includes(code)) {
    return 'Scripts cannot read a redirect response: with redirect "manual" fetch returns an opaque result. curl -i shows the Location header.';
  }
  return null;
}
