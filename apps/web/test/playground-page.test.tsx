import { render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { putPlaygroundHandoff } from '../src/history/playground-handoff.js';
import { routes } from '../src/routes.js';

const renderAt = (path: string) =>
  render(<RouterProvider router={createMemoryRouter(routes, { initialEntries: [path] })} />);

describe('playground page', () => {
  it('starts from a request handed over from a capture, exactly as captured', async () => {
    putPlaygroundHandoff({
      method: 'GET',
      target: '/ws/faulty/bad-accept',
      version: 'HTTP/1.1',
      headers: [
        ['host', 'x'],
        ['X-Odd', ' spaced '],
      ],
      body: '',
      fromExchange: 'Zm9vYmFyYmF6cXV4MTIzNA',
    });
    renderAt('/');
    const raw = await screen.findByTestId('raw-request');
    expect(raw.textContent).toBe(
      'GET /ws/faulty/bad-accept HTTP/1.1\\r\\n\nhost: x\\r\\n\nX-Odd:  spaced \\r\\n\n\\r\\n\n',
    );
    expect(screen.getByRole('link', { name: '/x/Zm9vYmFyYmF6cXV4MTIzNA' })).toBeTruthy();
    // Read once: a remount starts from the first preset again.
    renderAt('/');
    expect((await screen.findAllByTestId('raw-request'))[1]?.textContent).toContain(
      'Upgrade: websocket',
    );
  });

  it('has a Send button and shows pre-flight warnings', async () => {
    renderAt('/');
    expect(await screen.findByRole('button', { name: 'Send' })).toBeTruthy();
    expect(await screen.findByTestId('preflight')).toBeTruthy();
  });
});
