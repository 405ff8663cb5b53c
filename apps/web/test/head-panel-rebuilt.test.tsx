/** A head the endpoint did not keep as bytes is labelled rebuilt, with no wire byte count. */
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { HeadPanel } from '../src/exchange/head-panel.js';
import { requestHeadText } from '../src/exchange/head-text.js';

const headers: [string, string][] = [['Host', 'a']];

describe('head panel', () => {
  it('gives no byte count for a head rebuilt from parsed fields', () => {
    const head = requestHeadText({ method: 'GET', target: '/', httpVersion: '1.1', headers });
    render(<HeadPanel title="Request" head={head} headers={headers} testId="h" />);
    expect(screen.getByText('Text (not the bytes on the wire)')).toBeTruthy();
    expect(screen.queryByText(/\d+ bytes?$/)).toBeNull();
  });

  it('counts the bytes of a captured head', () => {
    const raw = btoa('GET / HTTP/1.1\r\nHost: a\r\n\r\n');
    const head = requestHeadText({ method: 'GET', target: '/', httpVersion: '1.1', headers, raw });
    render(<HeadPanel title="Request" head={head} headers={headers} testId="h" />);
    expect(screen.getByText('Raw')).toBeTruthy();
    expect(screen.getByText('27 bytes')).toBeTruthy();
  });
});
