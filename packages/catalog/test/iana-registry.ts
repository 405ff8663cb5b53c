/**
 * The IANA "HTTP Status Codes" registry as expected by the tests, written out by hand from
 * https://www.iana.org/assignments/http-status-codes/ (last updated 2025-09-15). The
 * description is copied verbatim, annotations included; a new registration or a renamed code
 * must be added here on purpose.
 */
export const ianaRegistry: Readonly<Record<number, string>> = {
  100: 'Continue',
  101: 'Switching Protocols',
  102: 'Processing',
  103: 'Early Hints',
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  203: 'Non-Authoritative Information',
  204: 'No Content',
  205: 'Reset Content',
  206: 'Partial Content',
  207: 'Multi-Status',
  208: 'Already Reported',
  226: 'IM Used',
  300: 'Multiple Choices',
  301: 'Moved Permanently',
  302: 'Found',
  303: 'See Other',
  304: 'Not Modified',
  305: 'Use Proxy',
  306: '(Unused)',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  407: 'Proxy Authentication Required',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  411: 'Length Required',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  416: 'Range Not Satisfiable',
  417: 'Expectation Failed',
  418: '(Unused)',
  421: 'Misdirected Request',
  422: 'Unprocessable Content',
  423: 'Locked',
  424: 'Failed Dependency',
  425: 'Too Early',
  426: 'Upgrade Required',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
  505: 'HTTP Version Not Supported',
  506: 'Variant Also Negotiates',
  507: 'Insufficient Storage',
  508: 'Loop Detected',
  510: 'Not Extended (OBSOLETED)',
  511: 'Network Authentication Required',
};

/**
 * Provisional ("TEMPORARY") registrations: present in the registry snapshot above but due to
 * expire, so the catalog may list them or not. 104 Upload Resumption Supported
 * (draft-ietf-httpbis-resumable-upload) was registered 2024-11-13 and expires 2026-11-13 unless
 * renewed or made permanent.
 */
export const ianaProvisional: Readonly<Record<number, string>> = {
  104: 'Upload Resumption Supported',
};

/**
 * Registry descriptions whose catalog `reason` deliberately differs: the annotation is not part
 * of the reason phrase, and the entry carries it in `deprecated` instead.
 */
export const annotationsMovedToDeprecated: Readonly<Record<number, string>> = {
  510: 'Not Extended',
};

/**
 * RFC 9110 §15.1: "200, 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, and 501" are
 * heuristically cacheable; RFC 7725 §3 adds 451 ("cacheable by default").
 */
export const heuristicallyCacheable: readonly number[] = [
  200, 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, 501, 451,
];

/**
 * Where Node's `http.STATUS_CODES` (Node 20) deliberately disagrees with the catalog, and why.
 * Any other difference fails the test.
 */
export const nodeReasonDifferences: Readonly<Record<number, { node: string; why: string }>> = {
  413: { node: 'Payload Too Large', why: 'RFC 9110 §15.5.14 renamed it "Content Too Large"' },
  418: { node: "I'm a Teapot", why: 'RFC 9110 §15.5.19 reserves 418; IANA lists "(Unused)"' },
  422: {
    node: 'Unprocessable Entity',
    why: 'RFC 9110 §15.5.21 renamed it "Unprocessable Content"',
  },
};
