import { render, screen, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { catalog, getStatus, statusClassOf } from '@switchyard/catalog';
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

  it('lists 999 apart from the 5xx codes, as not valid HTTP (RFC 9110 §15)', async () => {
    renderAt('/status');
    await title();
    const serverErrors = screen.getByRole('region', { name: '5xx Server Error' });
    expect(within(serverErrors).queryByRole('link', { name: /^999/ })).toBeNull();
    const invalid = screen.getByRole('region', { name: 'Outside 100–599: not valid HTTP' });
    const link = within(invalid).getByRole('link', { name: /^999\s*Request Denied/ });
    expect(link.getAttribute('href')).toBe('/status/999');
  });

  it('gives 999 a page of its own with no Try it', async () => {
    renderAt('/status/999');
    expect((await title()).textContent).toBe('999 Request Denied');
    expect(screen.getByRole('heading', { name: 'Not valid HTTP, so no Try it' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Try it' })).toBeNull();
  });

  it('badges 418 and 306 reserved and 305 deprecated in the list', async () => {
    renderAt('/status');
    await title();
    const badges = (code: number) =>
      screen.getByRole('link', { name: new RegExp(`^${code}\\b`) }).textContent ?? '';
    expect(badges(418)).toMatch(/reserved$/);
    expect(badges(418)).not.toMatch(/deprecated/);
    expect(badges(306)).toMatch(/reserved$/);
    expect(badges(305)).toMatch(/deprecated$/);
  });

  it('shows the reserved row, citing its section, on /status/418', async () => {
    renderAt('/status/418');
    await title();
    const term = screen.getByText('Reserved', { selector: 'dt' });
    expect(term.nextElementSibling?.textContent).toMatch(/RFC 9110 §15\.5\.19/);
    expect(screen.queryByText('Deprecated', { selector: 'dt' })).toBeNull();
  });

  it('links only to status pages that exist (list entries and related codes)', () => {
    const hasPage = (code: number) =>
      statusClassOf(code) !== undefined || getStatus(code) !== undefined;
    for (const entry of catalog) {
      expect(hasPage(entry.code), `${entry.code}`).toBe(true);
      for (const code of entry.related) expect(hasPage(code), `${entry.code} → ${code}`).toBe(true);
    }
  });

  it('describes an uncatalogued code by its class and rejects non-codes', async () => {
    renderAt('/status/299');
    expect((await title()).textContent).toBe('299 (no catalog entry)');
  });

  it.each(['/status/abc', '/status/600', '/status/099', '/nowhere'])(
    'shows the 404 page at %s',
    async (path) => {
      renderAt(path);
      expect((await title()).textContent).toBe('Page not found');
    },
  );

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
