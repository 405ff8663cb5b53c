/**
 * HTTP/2 heads have no text form (RFC 9113 §8.3: pseudo-fields in a HPACK-compressed HEADERS
 * block, RFC 7541), so the exchange view shows their decoded fields one per line, without a
 * made-up start line, CRLFs or a byte count; a 1xx on HTTP/2 is an informational HEADERS frame
 * (§8.1), except the 101 of an h2c upgrade, which went out over HTTP/1.1 (RFC 7540 §3.2).
 */
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { requestHeadText, responseHeadText } from '../src/exchange/head-text.js';
import { InterimList } from '../src/exchange/interim-list.js';

describe('HTTP/2 head text', () => {
  it('a request: its fields in recorded order, pseudo-fields as recorded', () => {
    const head = requestHeadText({
      method: 'GET',
      target: '/api/status/200',
      httpVersion: '2.0',
      headers: [
        [':method', 'GET'],
        [':path', '/api/status/200'],
        [':scheme', 'http'],
        [':authority', 'h'],
        ['accept', '*/*'],
      ],
    });
    expect(head.http2).toBe(true);
    expect(head.text).toBe(
      ':method: GET\n:path: /api/status/200\n:scheme: http\n:authority: h\naccept: */*',
    );
    expect(head.text).not.toContain('HTTP/2');
    expect(head.source).toContain('HPACK');
  });

  it('a response without :status in its fields gets it first, from the recorded status', () => {
    const head = responseHeadText({
      status: 404,
      reason: '',
      httpVersion: '2',
      headers: [['content-type', 'text/plain']],
    });
    expect(head.text).toBe(':status: 404\ncontent-type: text/plain');
  });

  it('HTTP/1.1 heads are unchanged: start line and CRLFs', () => {
    const head = responseHeadText({
      status: 200,
      reason: 'OK',
      httpVersion: '1.1',
      headers: [['Content-Length', '0']],
    });
    expect(head.http2).toBeUndefined();
    expect(head.text).toBe('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n');
  });
});

describe('interim responses of an HTTP/2 exchange', () => {
  it('a 103 is shown as its HEADERS fields; the 101 of an h2c upgrade as HTTP/1.1', () => {
    render(
      <InterimList
        httpVersion="2.0"
        interim={[
          {
            status: 101,
            reason: 'Switching Protocols',
            headers: [
              ['Connection', 'Upgrade'],
              ['Upgrade', 'h2c'],
            ],
            time: 10,
          },
          { status: 103, reason: '', headers: [['link', '</a.css>; rel=preload']], time: 20 },
        ]}
      />,
    );
    const switched = screen.getByRole('figure', { name: /101 Switching Protocols at/ });
    expect(switched.textContent).toContain('HTTP/1.1 101 Switching Protocols');
    const hints = screen.getByRole('figure', { name: /103 at .* \(HTTP\/2 HEADERS, decoded\)/ });
    const fields = hints.querySelector('pre')!.textContent;
    expect(fields).toContain(':status: 103');
    expect(fields).toContain('link: </a.css>; rel=preload');
    expect(fields).not.toContain('HTTP/2');
    expect(hints.textContent).not.toMatch(/bytes/);
  });
});
