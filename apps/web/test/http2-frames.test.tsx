import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Http2Capture, Http2FrameJson } from '@switchyard/exchange';
import { Http2Frames } from '../src/exchange/http2-frames.js';

function frame(partial: Partial<Http2FrameJson> & Pick<Http2FrameJson, 'seq'>): Http2FrameJson {
  return {
    direction: 'server-to-client',
    time: 100,
    type: 0,
    typeName: 'DATA',
    flags: 0,
    flagNames: [],
    streamId: 1,
    length: 0,
    findings: [],
    ...partial,
  };
}

function capture(frames: Http2FrameJson[]): Http2Capture {
  return {
    mode: 'h2c-upgrade',
    streamId: 1,
    frames,
    framesSeen: { clientToServer: 1, serverToClient: frames.length - 1 },
    truncation: {
      maxFrames: 1000,
      maxBytes: 1 << 20,
      framesDropped: 0,
      bytesDropped: 0,
      framesCut: 0,
    },
  };
}

const FRAMES: Http2FrameJson[] = [
  frame({
    seq: 0,
    time: -2500,
    type: 4,
    typeName: 'SETTINGS',
    streamId: 0,
    length: 6,
    settings: [{ id: 8, name: 'SETTINGS_ENABLE_CONNECT_PROTOCOL', value: 1 }],
  }),
  frame({
    seq: 1,
    direction: 'client-to-server',
    type: 4,
    typeName: 'SETTINGS',
    flags: 1,
    flagNames: ['ACK'],
    streamId: 0,
  }),
  frame({
    seq: 2,
    type: 1,
    typeName: 'HEADERS',
    flags: 4,
    flagNames: ['END_HEADERS'],
    length: 40,
    headers: [
      [':status', '200'],
      ['x-evil', '<img src=x onerror=alert(1)>'],
    ],
  }),
  frame({
    seq: 3,
    flags: 1,
    flagNames: ['END_STREAM'],
    length: 17,
    payload: btoa('<script>x</script>'),
  }),
  frame({
    seq: 4,
    type: 7,
    typeName: 'GOAWAY',
    streamId: 0,
    length: 8,
    lastStreamId: 1,
    errorCode: 1,
    errorName: 'PROTOCOL_ERROR',
    findings: [
      {
        code: 'hpack-index-zero',
        severity: 'error',
        message: 'Index 0 is not used',
        cite: { rfc: 'RFC 7541', section: '6.1' },
      },
    ],
  }),
];

/** The frame rows (not the rows of the nested field tables). */
function frameRows(): HTMLTableRowElement[] {
  return [
    ...screen
      .getByTestId('http2-frames')
      .querySelectorAll<HTMLTableRowElement>(':scope > tbody > tr'),
  ];
}

describe('HTTP/2 frames table', () => {
  it('lists seq, direction, time, type, flags, stream, length and the details', () => {
    render(<Http2Frames http2={capture(FRAMES)} />);
    const rows = frameRows();
    expect(rows).toHaveLength(5);
    const cells = (i: number) =>
      within(rows[i]!)
        .getAllByRole('cell')
        .map((c) => c.textContent);
    expect(cells(0).slice(0, 7)).toEqual([
      '0',
      'server → client',
      '−2.500 ms',
      'SETTINGS',
      '—',
      '0',
      '6',
    ]);
    expect(cells(0)[7]).toBe('SETTINGS_ENABLE_CONNECT_PROTOCOL = 1');
    expect(cells(1).slice(1, 5)).toEqual(['client → server', '100 µs', 'SETTINGS', 'ACK']);
    expect(cells(3)[4]).toBe('END_STREAM');
    expect(cells(4)[7]).toContain('PROTOCOL_ERROR (0x1); last stream 1');
    expect(cells(4)[7]).toContain('error: Index 0 is not used (RFC 7541 §6.1)');
    expect(screen.getByText(/h2c via Upgrade and 101/)).toBeTruthy();
  });

  it('shows decoded fields expandable and captured text as text, never as markup', () => {
    const { container } = render(<Http2Frames http2={capture(FRAMES)} />);
    const summary = screen.getByText('2 decoded fields: :status 200');
    expect(summary.closest('details')?.open).toBe(false);
    fireEvent.click(summary);
    expect(screen.getByRole('rowheader', { name: 'x-evil' })).toBeTruthy();
    expect(screen.getByText('<img src=x onerror=alert(1)>')).toBeTruthy();
    expect(screen.getByText('<script>x</script>')).toBeTruthy();
    expect(container.querySelector('img, script')).toBeNull();
  });

  it('shows the first 200 frames, then all on request', () => {
    const many = Array.from({ length: 250 }, (_, seq) => frame({ seq }));
    render(<Http2Frames http2={capture(many)} />);
    expect(frameRows()).toHaveLength(200);
    fireEvent.click(screen.getByRole('button', { name: 'Show all 250 frames' }));
    expect(frameRows()).toHaveLength(250);
  });
});
