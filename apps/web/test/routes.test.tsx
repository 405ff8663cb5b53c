import { render, screen, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { catalog } from '@switchyard/catalog';
import { routes } from '../src/routes.js';

function renderAt(path: string) {
  return render(<RouterProvider router={createMemoryRouter(routes, { initialEntries: [path] })} />);
}

const title = () => screen.findByRole('heading', { level: 1 });

describe('routes', () => {
  it('has a labelled main navigation with the sections', async () => {
    renderAt('/');
    expect((await title()).textContent).toBe('Playground');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(
      within(nav)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual(['Playground', 'Status codes', 'Rules', 'Lab', 'History']);
  });

  it('lists the catalog grouped by class', async () => {
    renderAt('/status');
    expect((await title()).textContent).toBe('Status codes');
    const informational = screen.getByRole('region', { name: '1xx Informational' });
    expect(
      within(informational).getByRole('link', { name: /101\s*Switching Protocols/ }),
    ).toBeTruthy();
    expect(screen.getAllByRole('link', { name: /^\d{3}/ }).length).toBe(catalog.length);
  });

  it('renders a status page with its citation linked to rfc-editor.org', async () => {
    renderAt('/status/101');
    expect((await title()).textContent).toBe('101 Switching Protocols');
    const link = screen.getByRole('link', { name: 'RFC 9110 §15.2.2' });
    expect(link.getAttribute('href')).toBe('https://www.rfc-editor.org/rfc/rfc9110#section-15.2.2');
    expect(screen.getByRole('button', { name: 'Try it' })).toBeTruthy();
  });

  it('describes an uncatalogued code by its class and rejects non-codes', async () => {
    renderAt('/status/299');
    expect((await title()).textContent).toBe('299 (no catalog entry)');
  });

  it.each(['/status/abc', '/status/600', '/nowhere'])('shows the 404 page at %s', async (path) => {
    renderAt(path);
    expect((await title()).textContent).toBe('Page not found');
  });

  it.each([
    ['/rules', 'Rules'],
    ['/rules/ws-handshake/accept-mismatch', 'Sec-WebSocket-Accept does not match the key'],
    ['/lab/101', 'Lab: 101 Switching Protocols'],
    ['/history', 'History'],
  ])('renders %s', async (path, heading) => {
    renderAt(path);
    expect((await title()).textContent).toBe(heading);
  });
});
