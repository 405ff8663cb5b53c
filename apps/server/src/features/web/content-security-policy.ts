/**
 * The Content-Security-Policy for UI responses (issue 6: captured content is untrusted). The UI
 * is a same-origin bundle with no inline script or style, so everything is 'self'; the live
 * channel needs WebSocket connections (CSP3 §6.1.2: 'self' covers ws: to the same host only in
 * newer browsers, so ws:/wss: are listed). No 'unsafe-inline', no 'unsafe-eval'.
 */
export const uiCspDirectives: Record<string, string[]> = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'", 'ws:', 'wss:'],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
};
