import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SendControls } from '../src/playground/send-controls.js';

afterEach(() => vi.unstubAllGlobals());

/** Records what the form posts; answers like the server does. */
function stubServer(answer: () => Response = () => Response.json({ ok: true })) {
  const posts: { url: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      posts.push({ url: String(input), body: JSON.parse(String(init?.body)) });
      return answer();
    }),
  );
  return posts;
}

describe('SendControls', () => {
  it('builds a raw frame with every header bit and a hex payload', async () => {
    const user = userEvent.setup();
    const posts = stubServer();
    render(<SendControls probeId="abc" disabled={false} />);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Frame' }), 'raw');
    const opcode = screen.getByRole('textbox', { name: 'Opcode (0-15)' });
    await user.clear(opcode);
    await user.type(opcode, '3');
    await user.click(screen.getByRole('checkbox', { name: 'FIN' }));
    await user.click(screen.getByRole('checkbox', { name: 'RSV2' }));
    await user.click(screen.getByRole('checkbox', { name: 'Allow invalid' }));
    await user.type(screen.getByRole('textbox', { name: 'Payload' }), 'de ad be ef');
    await user.click(screen.getByRole('button', { name: 'Send frame' }));
    expect(await screen.findByRole('status')).toBeTruthy();
    expect(posts).toEqual([
      {
        url: '/api/probe/abc/send',
        body: {
          type: 'raw',
          opcode: 3,
          data: '3q2+7w==',
          fin: false,
          rsv1: false,
          rsv2: true,
          rsv3: false,
          mask: true,
          allowInvalid: true,
        },
      },
    ]);
  });

  it('refuses malformed input before sending, and shows a refusal from the server', async () => {
    const user = userEvent.setup();
    const posts = stubServer(() =>
      Response.json(
        { title: 'Frame refused', detail: 'close code 1005 must not be sent (RFC 6455 §7.4.1)' },
        { status: 422, headers: { 'content-type': 'application/problem+json' } },
      ),
    );
    render(<SendControls probeId="abc" disabled={false} />);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Frame' }), 'binary');
    await user.type(screen.getByRole('textbox', { name: 'Payload' }), 'xyz');
    await user.click(screen.getByRole('button', { name: 'Send frame' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The payload is not valid hex.');
    expect(posts).toHaveLength(0);

    await user.selectOptions(screen.getByRole('combobox', { name: 'Frame' }), 'close');
    const code = screen.getByRole('textbox', { name: 'Close code' });
    await user.clear(code);
    await user.type(code, '1005');
    await user.click(screen.getByRole('button', { name: 'Send frame' }));
    expect(await screen.findByText(/Frame refused: close code 1005/)).toBeTruthy();
    expect(posts[0]?.body).toEqual({ type: 'close', code: 1005 });
  });

  it('is disabled when the connection is not open', () => {
    render(<SendControls probeId="abc" disabled />);
    expect(screen.getByRole('button', { name: 'Send frame' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('status').textContent).toBe('The connection is not open.');
  });

  it('after a close frame closes the connection, says so in one line', async () => {
    const user = userEvent.setup();
    stubServer();
    const { rerender } = render(<SendControls probeId="abc" disabled={false} />);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Frame' }), 'close');
    await user.click(screen.getByRole('button', { name: 'Send frame' }));
    expect((await screen.findByRole('status')).textContent).toBe('Sent a close frame.');
    rerender(<SendControls probeId="abc" disabled />);
    expect(screen.getAllByRole('status').map((s) => s.textContent)).toEqual([
      'Sent a close frame; the connection is now closed.',
    ]);
    expect(screen.queryByText('The connection is not open.')).toBeNull();
  });
});
