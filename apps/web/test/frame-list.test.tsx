import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { FrameJson } from '@switchyard/exchange';
import { FrameList } from '../src/frames/frame-list.js';

const b64 = (text: string) => btoa(text);

function frame(seq: number, over: Partial<FrameJson> = {}): FrameJson {
  const text = `message ${seq}`;
  return {
    seq,
    direction: seq % 2 === 0 ? 'client-to-server' : 'server-to-client',
    fin: true,
    rsv1: false,
    rsv2: false,
    rsv3: false,
    opcode: 1,
    masked: seq % 2 === 0,
    payloadLength: text.length,
    lengthEncoding: 7,
    headerOffset: 0,
    headerLength: 2,
    payloadOffset: 2,
    payload: b64(text),
    time: seq * 10,
    findings: [],
    ...over,
  };
}

const dataRows = () => screen.getAllByRole('row').filter((row) => row.hasAttribute('data-seq'));

describe('FrameList', () => {
  it('renders only a window of rows for 100,000 frames', () => {
    const frames = Array.from({ length: 100_000 }, (_, i) => frame(i));
    render(<FrameList frames={frames} height={280} />);
    const rows = dataRows();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(60);
    expect(rows[0]?.getAttribute('data-seq')).toBe('0');
    expect(screen.getByText('100000 frames')).toBeTruthy();
    // The spacer holds the full height, so the scrollbar is right and rows never shift.
    const spacer = rows[0]!.parentElement!;
    expect(spacer.style.height).toBe(`${100_000 * 28}px`);
  });

  it('follows the scroll position: rows near frame 50,000 render after scrolling there', async () => {
    const frames = Array.from({ length: 100_000 }, (_, i) => frame(i));
    render(<FrameList frames={frames} height={280} />);
    const scroller = screen.getByTestId('frame-list');
    scroller.scrollTop = 50_000 * 28;
    fireEvent.scroll(scroller);
    await waitFor(() => expect(dataRows().some((r) => r.dataset.seq === '50000')).toBe(true));
    expect(dataRows().length).toBeLessThan(60);
  });

  it('shows only the first `count` frames (paused) and grows in place', () => {
    const frames = Array.from({ length: 10 }, (_, i) => frame(i));
    const { rerender } = render(<FrameList frames={frames} count={3} />);
    expect(dataRows().map((r) => r.getAttribute('data-seq'))).toEqual(['0', '1', '2']);
    frames.push(frame(10));
    rerender(<FrameList frames={frames} count={11} />);
    expect(dataRows()).toHaveLength(11);
  });

  it('filters by direction and opcode and searches payloads', async () => {
    const user = userEvent.setup();
    const frames = [
      ...Array.from({ length: 6 }, (_, i) => frame(i)),
      frame(6, { opcode: 9, payload: b64('are you there'), payloadLength: 13 }),
    ];
    render(<FrameList frames={frames} />);
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Direction' }),
      'server-to-client',
    );
    expect(dataRows().map((r) => r.getAttribute('data-seq'))).toEqual(['1', '3', '5']);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Direction' }), 'all');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Opcode' }), '9');
    expect(dataRows().map((r) => r.getAttribute('data-seq'))).toEqual(['6']);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Opcode' }), 'all');
    await user.type(screen.getByRole('searchbox', { name: 'Search payloads' }), 'MESSAGE 4');
    expect(dataRows().map((r) => r.getAttribute('data-seq'))).toEqual(['4']);
    expect(screen.getByText('1 of 7 frames')).toBeTruthy();
  });

  it('shows the selected payload as text, pretty JSON or hex', async () => {
    const user = userEvent.setup();
    const json = '{"a":[1,2],"b":"x"}';
    const frames = [
      frame(0, { payload: b64(json), payloadLength: json.length }),
      frame(1, { opcode: 2, payload: btoa('\u0000\u00ff\u0010'), payloadLength: 3 }),
    ];
    render(<FrameList frames={frames} />);
    await user.click(dataRows()[0]!);
    const detail = screen.getByRole('region', { name: 'Frame 0' });
    expect(within(detail).getByTestId('frame-payload').textContent).toBe(json);
    await user.click(within(detail).getByRole('radio', { name: 'JSON' }));
    expect(within(detail).getByTestId('frame-payload').textContent).toBe(
      '{\n  "a": [\n    1,\n    2\n  ],\n  "b": "x"\n}',
    );
    await user.click(within(detail).getByRole('radio', { name: 'Hex' }));
    expect(within(detail).getByTestId('frame-payload').textContent).toMatch(
      /^00000000 {2}7b 22 61 22 3a 5b 31 2c 32 5d 2c 22 62 22 3a 22 {2}\{"a":\[1,2\],"b":"$/m,
    );
    // Keyboard: ArrowDown selects the next frame (binary, not UTF-8).
    fireEvent.keyDown(screen.getByRole('rowgroup', { name: /Frames/ }), { key: 'ArrowDown' });
    const next = screen.getByRole('region', { name: 'Frame 1' });
    expect(within(next).getByTestId('frame-payload').textContent).toContain('00 ff 10');
  });

  it('renders hostile payloads as text', () => {
    const evil = '<img src=x onerror=alert(1)><script>1</script>';
    const { container } = render(
      <FrameList frames={[frame(0, { payload: b64(evil), payloadLength: evil.length })]} />,
    );
    expect(screen.getByRole('cell', { name: evil })).toBeTruthy();
    expect(container.querySelector('img, script')).toBeNull();
  });
});
