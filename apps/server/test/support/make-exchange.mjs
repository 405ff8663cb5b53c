// A minimal valid Exchange for storage tests and the kill -9 writer (plain JS: the writer runs
// under bare node against the built store).
/**
 * @param {number} n sequence number (makes the id and the start time)
 * @param {number} [padBytes] extra bytes of response preview, to make the row bigger
 * @returns {import('@switchyard/exchange').Exchange}
 */
export function makeExchange(n, padBytes = 0) {
  const start = 1_795_000_000_000_000 + n * 1000;
  return {
    schemaVersion: 1,
    id: `ex${String(n).padStart(22, '0')}`,
    createdAt: new Date(Math.floor(start / 1000)).toISOString(),
    kind: 'http',
    endpoint: '/api/status/:code',
    source: 'capture',
    request: {
      method: 'GET',
      target: `/api/status/200?n=${n}`,
      httpVersion: '1.1',
      headers: [['Host', 'localhost']],
    },
    interim: [],
    response: { status: 200, reason: 'OK', httpVersion: '1.1', headers: [] },
    requestBody: { size: 0, truncated: false },
    responseBody: {
      size: padBytes,
      preview: 'x'.repeat(padBytes),
      previewEncoding: 'text',
      truncated: false,
    },
    timings: { start, end: 10 },
    notes: [],
    redactions: [],
    findings: [],
  };
}
