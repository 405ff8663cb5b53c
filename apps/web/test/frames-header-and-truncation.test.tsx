/**
 * What a reader of a captured WebSocket connection must be told (issue 4 review): every header
 * bit of a selected frame (mask key included), a Close frame decoded, a capped capture marked
 * as such (never silent), who sent which Close frame, and the caps' live totals.
 */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { CloseInfo, Exchange, FrameJson, Truncation } from '@switchyard/exchange';
import { payloadPreview } from '../src/exchange/frame-format.js';
import { CloseSummary } from '../src/frames/close-summary.js';
import { FrameList } from '../src/frames/frame-list.js';
import { TruncationNotice, truncationLines } from '../src/frames/truncation-notice.js';
import { applyMessages, stateFrom } from '../src/live/live-state.js';

function frame(seq: number, over: Partial<FrameJson> = {}): FrameJson {
  return {
    seq,
    direction: 'client-to-server',
    fin: true,
    rsv1: false,
    rsv2: false,
    rsv3: false,
    opcode: 1,
    masked: false,
    payloadLength: 2,
    lengthEncoding: 7,
    headerOffset: 0,
    headerLength: 2,
    payloadOffset: 2,
    payload: btoa('hi'),
    time: 1500,
    findings: [],
    ...over,
  };
}

const noCut: Truncation = {
  maxFrames: 10,
  maxBytes: 100,
  framesDropped: 0,
  bytesDropped: 0,
  framesCut: 0,
};

const rowOf = (seq: number) =>
  screen.getAllByRole('row').find((row) => row.getAttribute('data-seq') === String(seq))!;

describe('frame detail', () => {
  it('shows FIN, RSV, opcode, the mask key in hex and the length encoding', async () => {
    const user = userEvent.setup();
    const fragment = frame(0, {
      fin: false,
      masked: true,
      // 0x37 0xfa 0x21 0x3d, the mask key of RFC 6455 §5.7's examples.
      maskKey: btoa('\x37\xfa\x21\x3d'),
      payloadLength: 300,
      lengthEncoding: 16,
      headerLength: 8,
      payloadOffset: 8,
      payload: btoa('x'.repeat(300)),
    });
    render(<FrameList frames={[fragment]} />);
    // The list itself carries the MASK bit.
    expect(within(rowOf(0)).getAllByRole('cell')[5]!.textContent).toBe('1');
    await user.click(rowOf(0));
    const fields = screen.getByTestId('frame-header-fields');
    expect(fields.textContent).toContain('0 (more fragments follow');
    expect(fields.textContent).toContain('1, key 37 fa 21 3d');
    expect(fields.textContent).toContain('300 bytes on the wire (126 + 16-bit extended length)');
    expect(fields.textContent).toContain('0x1 (text)');
  });

  it('says compressed, with the inflated size, when RSV1 carried permessage-deflate', async () => {
    const user = userEvent.setup();
    const compressed = frame(0, {
      rsv1: true,
      payloadLength: 7,
      payload: btoa('\x8a\x8a\x8a\x8a\x8a\x8a\x8a'),
      inflated: btoa('hello hello hello'),
    });
    render(<FrameList frames={[compressed]} />);
    await user.click(rowOf(0));
    const detail = screen.getByRole('region', { name: 'Frame 0' });
    expect(within(detail).getByRole('heading').textContent).toContain('7 bytes compressed');
    expect(screen.getByTestId('frame-header-fields').textContent).toContain('Inflated17 bytes');
    expect(screen.getByTestId('frame-payload').textContent).toBe('hello hello hello');
  });

  it('decodes a Close frame: status code with its registered name, and the reason', async () => {
    const user = userEvent.setup();
    const close = frame(0, {
      opcode: 8,
      payloadLength: 5,
      payload: btoa('\x03\xedbye'),
      close: { code: 1005, reason: 'bye' },
    });
    render(<FrameList frames={[close]} />);
    await user.click(rowOf(0));
    expect(screen.getByTestId('frame-payload').textContent).toBe(
      'Status code: 1005 (No Status Rcvd)\nReason: bye',
    );
  });

  it('shows a binary payload that is not UTF-8 as hex in the text view', async () => {
    const user = userEvent.setup();
    render(<FrameList frames={[frame(0, { opcode: 2, payload: btoa('\x00\xff\x10') })]} />);
    await user.click(rowOf(0));
    expect(screen.getByTestId('frame-payload').textContent).toMatch(
      /shown as hex\)\n00000000 {2}00 ff 10/,
    );
  });

  it('links a frame finding to its RFC section', async () => {
    const user = userEvent.setup();
    const bad = frame(0, {
      findings: [
        {
          code: 'masked-server-frame',
          severity: 'error',
          message: 'server frames must not be masked',
          cite: { rfc: 'RFC 6455', section: '5.1' },
        },
      ],
    });
    render(<FrameList frames={[bad]} />);
    await user.click(rowOf(0));
    const link = screen.getByRole('link', { name: 'RFC 6455 §5.1' });
    expect(link.getAttribute('href')).toBe('https://www.rfc-editor.org/rfc/rfc6455#section-5.1');
  });
});

describe('capture caps are never silent', () => {
  it('marks a row whose payload was cut, and does not call an unstored payload empty', () => {
    const cut = frame(1, {
      direction: 'server-to-client',
      payloadLength: 5000,
      payload: '',
      payloadTruncated: true,
    });
    expect(payloadPreview(cut)).toBe('(not stored: capture cap)');
    expect(payloadPreview(frame(2, { payload: '', payloadLength: 0 }))).toBe('(empty)');
    render(<FrameList frames={[frame(0), cut]} />);
    expect(within(rowOf(1)).getByText('cut')).toBeTruthy();
    expect(within(rowOf(0)).queryByText('cut')).toBeNull();
  });

  it('says what was cut even when no whole frame was dropped', () => {
    const t: Truncation = { ...noCut, bytesDropped: 8004, framesCut: 4 };
    expect(truncationLines(noCut)).toEqual([]);
    render(<TruncationNotice truncation={t} />);
    const note = screen.getByRole('note', { name: 'Capture truncated' });
    expect(note.textContent).toContain('4 stored frames have their payload cut short');
    expect(note.textContent).toContain('8004 payload bytes not stored');
  });

  it('names the first dropped frame', () => {
    const t: Truncation = { ...noCut, framesDropped: 22, bytesDropped: 6245, firstDroppedSeq: 6 };
    expect(truncationLines(t)[0]).toBe('22 frames seen but not stored, from frame #6 on.');
  });

  it('keeps the live `truncated` totals on the followed exchange', () => {
    const exchange = {
      id: 'a',
      websocket: {
        subprotocol: null,
        extensions: '',
        frames: [],
        framesSeen: { clientToServer: 0, serverToClient: 0 },
        truncation: noCut,
      },
    } as unknown as Exchange;
    const next = applyMessages(stateFrom(exchange), [
      { type: 'truncated', id: 'a', framesDropped: 3, bytesDropped: 900 },
    ]);
    expect(next.exchange.websocket?.truncation).toMatchObject({
      framesDropped: 3,
      bytesDropped: 900,
      maxFrames: 10,
    });
  });
});

describe('close summary', () => {
  const base: CloseInfo = { initiator: 'server', code: 1005, reason: '', clean: true, time: 9 };

  it("lists each side's Close frame with the code's registered name", () => {
    render(
      <CloseSummary
        close={{ ...base, server: { code: 1005 }, client: { code: 1002, reason: 'bad' } }}
      />,
    );
    const summary = screen.getByTestId('close-summary');
    expect(summary.textContent).toContain('Closed by server with 1005, cleanly');
    expect(summary.textContent).toContain('Client sent: 1002 (Protocol error) "bad"');
    expect(summary.textContent).toContain('Server sent: 1005 (No Status Rcvd)');
  });

  it('does not say a transport "closed with" 1006: no Close frame carried it', () => {
    render(<CloseSummary close={{ ...base, initiator: 'transport', code: 1006, clean: false }} />);
    const summary = screen.getByTestId('close-summary');
    expect(summary.textContent).toContain('ended without a Close frame');
    expect(summary.textContent).toContain('1006 (Abnormal Closure)');
    expect(summary.textContent).not.toContain('Closed by transport');
  });
});
