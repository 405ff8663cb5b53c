import { stringLiteral } from './quote.js';
import {
  extraWebSocketHeaders,
  offeredSubprotocols,
  webSocketUrl,
  type GeneratedSnippet,
  type SnippetRequest,
} from './snippet-request.js';

/**
 * Python with `websockets` (the asyncio client; 10.x–13.x call the header argument
 * `extra_headers`, 14+ `additional_headers`, noted in a comment). Headers are passed as a list of
 * pairs, so order and repeats survive.
 */
export function generatePython(request: SnippetRequest): GeneratedSnippet {
  const protocols = offeredSubprotocols(request);
  const extra = extraWebSocketHeaders(request);
  const args = [stringLiteral(webSocketUrl(request.url))];
  if (protocols.length > 0) args.push(`subprotocols=[${protocols.map(stringLiteral).join(', ')}]`);
  if (extra.length > 0) {
    const pairs = extra.map(([n, v]) => `(${stringLiteral(n)}, ${stringLiteral(v)})`).join(', ');
    args.push(`extra_headers=[${pairs}]`);
  }
  const lines = ['import asyncio', 'import websockets', '', '', 'async def main():'];
  if (extra.length > 0)
    lines.push('    # websockets >= 14: rename extra_headers to additional_headers');
  lines.push(
    `    async with websockets.connect(${args.join(', ')}) as ws:`,
    '        print("open, subprotocol:", ws.subprotocol)',
    '        await ws.send("hello")',
    '        print(await ws.recv())',
    '',
    '',
    'asyncio.run(main())',
  );
  return { id: 'python', label: 'Python websockets', language: 'python', code: lines.join('\n') };
}
