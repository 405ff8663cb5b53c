/**
 * The exact 101 written before handing the connection to HTTP/2 (RFC 7540 §3.2: "101 Switching
 * Protocols ... Upgrade: h2c"; RFC 9110 §15.2.2 requires Upgrade, §7.8 requires the "upgrade"
 * connection option with it).
 */
export const SWITCH_HEAD_FIELDS: [string, string][] = [
  ['Connection', 'Upgrade'],
  ['Upgrade', 'h2c'],
];

/** The 101 head as bytes. */
export const SWITCH_HEAD = Buffer.from(
  `HTTP/1.1 101 Switching Protocols\r\n${SWITCH_HEAD_FIELDS.map(([n, v]) => `${n}: ${v}\r\n`).join('')}\r\n`,
  'latin1',
);
