import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { generateBrowser } from '../src/snippets/generate-browser.js';
import { generateCurl, joinArgs } from '../src/snippets/generate-curl.js';
import { generateGo } from '../src/snippets/generate-go.js';
import { generateNodeWs } from '../src/snippets/generate-node-ws.js';
import { generatePython } from '../src/snippets/generate-python.js';
import { generateSnippets } from '../src/snippets/generate-snippets.js';
import { generateWebsocat } from '../src/snippets/generate-websocat.js';
import { generateWscat } from '../src/snippets/generate-wscat.js';
import { shellQuote, stringLiteral } from '../src/snippets/quote.js';
import {
  isWebSocketRequest,
  snippetRequestFromComposed,
  type SnippetRequest,
} from '../src/snippets/snippet-request.js';

const tricky = `it's "quoted" $HOME \`id\` \\ naïve 日本 ✓`;

/** What /bin/sh makes of a shell word: the exact argument a program would receive. */
function shellWords(words: string): string[] {
  const out = execFileSync('/bin/sh', ['-c', `printf '%s\\0' ${words}`], { encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

const upgrade: SnippetRequest = {
  method: 'GET',
  url: 'http://127.0.0.1:8080/ws/echo?x=a b',
  headers: [
    ['Host', '127.0.0.1:8080'],
    ['Upgrade', 'websocket'],
    ['Connection', 'keep-alive, Upgrade'],
    ['Sec-WebSocket-Key', 'dGhlIHNhbXBsZSBub25jZQ=='],
    ['Sec-WebSocket-Version', '13'],
    ['Sec-WebSocket-Protocol', 'chat, superchat'],
    ['X-Note', tricky],
  ],
  body: '',
};

describe('shellQuote', () => {
  it.each([['plain'], [''], ["it's"], ["''"], [tricky], ['a b\tc\nd'], ['!$(rm -rf /)']])(
    'round-trips %j through /bin/sh unchanged',
    (value) => {
      expect(shellWords(shellQuote(value))).toEqual([value]);
    },
  );

  it("escapes a single quote as '\\''", () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });
});

describe('stringLiteral', () => {
  it('is a JavaScript literal that evaluates back to the value', () => {
    expect(new Function(`return ${stringLiteral(tricky)}`)()).toBe(tricky);
  });
});

describe('generateCurl', () => {
  it('keeps header order and quotes every argument so the shell gives curl the exact values', () => {
    const code = generateCurl(upgrade).code.replace(/ \\\n {2}/g, ' ');
    const argv = shellWords(code);
    expect(argv.slice(0, 4)).toEqual(['curl', '-i', '-N', '--http1.1']);
    const headers = argv.flatMap((arg, i) => (argv[i - 1] === '-H' ? [arg] : []));
    expect(headers).toEqual(upgrade.headers.map(([n, v]) => `${n}: ${v}`));
    expect(argv.at(-1)).toBe('http://127.0.0.1:8080/ws/echo?x=a b');
  });

  it('is the simple one-liner for a Try it request', () => {
    expect(
      generateCurl({
        method: 'GET',
        url: 'http://127.0.0.1:8080/api/status/404',
        headers: [['Accept', 'application/json']],
        body: '',
      }).code,
    ).toBe(`curl -i -H 'Accept: application/json' http://127.0.0.1:8080/api/status/404`);
  });

  it('sends a body with --data-binary and names a non-POST method', () => {
    const argv = shellWords(
      generateCurl({ method: 'PUT', url: 'http://h/x', headers: [], body: tricky }).code.replace(
        / \\\n {2}/g,
        ' ',
      ),
    );
    expect(argv).toEqual(['curl', '-i', '-X', 'PUT', '--data-binary', tricky, 'http://h/x']);
  });

  it('writes an empty header value in curl syntax (Name;), not as a removal', () => {
    expect(
      generateCurl({ method: 'GET', url: 'http://h/', headers: [['X-Empty', '']], body: '' }).code,
    ).toContain("-H 'X-Empty;'");
  });
});

describe('joinArgs', () => {
  it('breaks long commands into continued lines, one option per line', () => {
    const text = joinArgs(['curl', '-H', 'x'.repeat(60), '-H', 'y'.repeat(60), 'url']);
    expect(text.split(' \\\n  ')).toEqual([
      'curl',
      `-H ${'x'.repeat(60)}`,
      `-H ${'y'.repeat(60)}`,
      'url',
    ]);
  });
});

describe('WebSocket clients', () => {
  it('detects an upgrade by the Upgrade token or a ws: URL', () => {
    expect(isWebSocketRequest(upgrade)).toBe(true);
    expect(isWebSocketRequest({ method: 'GET', url: 'wss://h/', headers: [], body: '' })).toBe(
      true,
    );
    expect(
      isWebSocketRequest({
        method: 'GET',
        url: 'http://h/',
        headers: [['Upgrade', 'h2c']],
        body: '',
      }),
    ).toBe(false);
  });

  it('websocat offers the subprotocols and adds only the extra headers', () => {
    const argv = shellWords(generateWebsocat(upgrade).code.replace(/ \\\n {2}/g, ' '));
    expect(argv).toEqual([
      'websocat',
      '-v',
      '--protocol',
      'chat, superchat',
      '-H',
      `X-Note: ${tricky}`,
      'ws://127.0.0.1:8080/ws/echo?x=a b',
    ]);
  });

  it('wscat gets one -s per subprotocol and the URL after -c', () => {
    const argv = shellWords(generateWscat(upgrade).code.replace(/ \\\n {2}/g, ' '));
    expect(argv).toEqual([
      'wscat',
      '-c',
      'ws://127.0.0.1:8080/ws/echo?x=a b',
      '-s',
      'chat',
      '-s',
      'superchat',
      '-H',
      `X-Note: ${tricky}`,
    ]);
  });

  it('browser JS uses new WebSocket(url, protocols) and says what it cannot send', () => {
    const code = generateBrowser(upgrade).code;
    expect(code).toContain(
      'new WebSocket("ws://127.0.0.1:8080/ws/echo?x=a b", ["chat", "superchat"])',
    );
    expect(code).toContain('// Not sent as composed: Host, Upgrade, Connection, Sec-WebSocket-Key');
    expect(code).toContain('X-Note');
    expect(code).not.toContain(tricky);
  });

  it('Node ws passes subprotocols and the extra header, quoted as a JS string', () => {
    const code = generateNodeWs(upgrade).code;
    expect(code).toContain(`["chat", "superchat"], {`);
    expect(code).toContain(`"X-Note": ${stringLiteral(tricky)},`);
    expect(code).not.toContain('Sec-WebSocket-Key');
  });

  it('Python websockets keeps header pairs in order', () => {
    const code = generatePython(upgrade).code;
    expect(code).toContain(
      `websockets.connect("ws://127.0.0.1:8080/ws/echo?x=a b", subprotocols=["chat", "superchat"], extra_headers=[("X-Note", ${stringLiteral(tricky)})])`,
    );
  });

  it('Go uses gorilla/websocket for an upgrade and net/http otherwise', () => {
    expect(generateGo(upgrade).code).toContain(
      'websocket.Dialer{Subprotocols: []string{"chat", "superchat"}}',
    );
    const plain = generateGo({
      method: 'POST',
      url: 'http://h/x',
      headers: [
        ['Host', 'example.test'],
        ['X-A', '1'],
      ],
      body: 'hi',
    }).code;
    expect(plain).toContain('http.NewRequest("POST", "http://h/x", strings.NewReader("hi"))');
    expect(plain).toContain('req.Host = "example.test"');
    expect(plain).toContain('req.Header.Add("X-A", "1")');
  });

  it('offers the WebSocket-only clients only for an upgrade', () => {
    expect(generateSnippets(upgrade).map((s) => s.id)).toEqual([
      'curl',
      'websocat',
      'wscat',
      'browser',
      'node-ws',
      'python',
      'go',
    ]);
    const plain = { method: 'GET', url: 'http://h/', headers: [], body: '' };
    expect(generateSnippets(plain).map((s) => s.id)).toEqual(['curl', 'browser', 'go']);
  });
});

describe('browser fetch', () => {
  it('drops forbidden headers and says so', () => {
    const code = generateBrowser({
      method: 'POST',
      url: 'http://h/api',
      headers: [
        ['Host', 'h'],
        ['Content-Type', 'text/plain'],
        ['Sec-Fetch-Mode', 'cors'],
      ],
      body: tricky,
    }).code;
    expect(code).toContain('// Browsers do not let scripts set: Host, Sec-Fetch-Mode');
    expect(code).toContain('["Content-Type", "text/plain"]');
    expect(code).toContain(`body: ${stringLiteral(tricky)},`);
  });
});

describe('snippetRequestFromComposed', () => {
  it('keeps enabled headers in order and builds the URL from the origin', () => {
    const request = snippetRequestFromComposed(
      {
        method: 'GET',
        target: '/ws/echo',
        version: 'HTTP/1.1',
        headers: [
          { id: 'a', name: 'B', value: '2', enabled: true },
          { id: 'b', name: 'Off', value: 'x', enabled: false },
          { id: 'c', name: 'A', value: '1', enabled: true },
        ],
        body: '',
      },
      'http://127.0.0.1:8080',
    );
    expect(request.url).toBe('http://127.0.0.1:8080/ws/echo');
    expect(request.headers).toEqual([
      ['B', '2'],
      ['A', '1'],
    ]);
  });
});
