import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TryIt } from '../src/status/try-it.js';

afterEach(() => vi.unstubAllGlobals());

describe('TryIt', () => {
  it('calls the simulator and shows status line, headers and body as text', async () => {
    const hostile = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>';
    const fetchStub = vi.fn(
      async (_input: RequestInfo | URL, _init?: RequestInit) =>
        new Response(hostile, {
          status: 418,
          statusText: "I'm a teapot",
          headers: {
            'Content-Type': 'text/plain',
            'X-Switchyard-Capture': 'AbCdEfGhIjKlMnOpQrStUv',
          },
        }),
    );
    vi.stubGlobal('fetch', fetchStub);
    const user = userEvent.setup();
    const { container } = render(
      <MemoryRouter>
        <TryIt code={418} />
      </MemoryRouter>,
    );
    await user.click(screen.getByRole('button', { name: 'Try it' }));
    const statusLine = await screen.findByTestId('try-it-status-line');
    // happy-dom has no Resource Timing entry, so the version is honestly unknown.
    expect(statusLine.textContent).toBe("HTTP/? 418 I'm a teapot");
    expect(String(fetchStub.mock.calls[0]?.[0])).toMatch(/\/api\/status\/418$/);
    const head = screen.getByTestId('try-it-head').textContent ?? '';
    expect(head).toMatch(/content-type: text\/plain/i);
    expect(head).toMatch(/x-switchyard-capture: AbCdEfGhIjKlMnOpQrStUv/i);
    expect(screen.getByTestId('try-it-body').textContent).toBe(hostile);
    expect(container.querySelector('img, script')).toBeNull();
    expect(
      screen.getByRole('link', { name: 'Open the captured exchange' }).getAttribute('href'),
    ).toBe('/x/AbCdEfGhIjKlMnOpQrStUv');
  });

  it('reports a network failure instead of a response', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const user = userEvent.setup();
    render(
      <MemoryRouter>
        <TryIt code={500} />
      </MemoryRouter>,
    );
    await user.click(screen.getByRole('button', { name: 'Try it' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Failed to fetch');
  });

  it('explains what fetch cannot show for 101', () => {
    render(
      <MemoryRouter>
        <TryIt code={101} />
      </MemoryRouter>,
    );
    expect(screen.getByText(/cannot send Upgrade with fetch/)).toBeTruthy();
  });
});
