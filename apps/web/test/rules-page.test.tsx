import { render, screen, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { ruleCatalog } from '@switchyard/lint';
import { routes } from '../src/routes.js';

function renderAt(path: string) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(<RouterProvider router={router} />);
  return router;
}

const catalog = ruleCatalog();

describe('rules pages', () => {
  it('lists every rule, grouped by id prefix, with severity and citation', async () => {
    renderAt('/rules');
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('Rules');
    const handshake = screen.getByRole('region', { name: 'WebSocket handshake' });
    const handshakeRules = catalog.filter((r) => r.id.startsWith('ws-handshake/'));
    expect(within(handshake).getAllByRole('listitem')).toHaveLength(handshakeRules.length);
    const first = handshakeRules[0];
    if (!first) throw new Error('no handshake rules');
    const link = within(handshake).getByRole('link', { name: first.title });
    expect(link.getAttribute('href')).toBe(`/rules/${first.id}`);
    // Every rule is listed exactly once across the groups.
    const ruleLinks = screen
      .getAllByRole('link')
      .map((a) => a.getAttribute('href') ?? '')
      .filter((href) => /^\/rules\/[^/]+\/.+/.test(href));
    expect(ruleLinks.sort()).toEqual(catalog.map((r) => `/rules/${r.id}`).sort());
  });

  it('shows one rule with its RFC section linked, explain, fix and a link back to its group', async () => {
    const rule = catalog.find((r) => r.id === 'ws-handshake/accept-mismatch');
    if (!rule) throw new Error('rule missing');
    renderAt(`/rules/${rule.id}`);
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe(rule.title);
    const citation = screen.getByRole('link', { name: `${rule.rfc} §${rule.section}` });
    expect(citation.getAttribute('href')).toBe(rule.url);
    expect(citation.getAttribute('href')).toMatch(
      /^https:\/\/www\.rfc-editor\.org\/rfc\/rfc\d+#section-/,
    );
    expect(screen.getByText(rule.explain)).toBeTruthy();
    expect(screen.getByText(rule.fix)).toBeTruthy();
    expect(screen.getByText(rule.severity)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'WebSocket handshake' }).getAttribute('href')).toBe(
      '/rules/ws-handshake',
    );
  });

  it('shows one group on its own page', async () => {
    renderAt('/rules/h2c');
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('h2c upgrade');
    const count = catalog.filter((r) => r.id.startsWith('h2c/')).length;
    expect(within(screen.getByRole('main')).getAllByRole('listitem')).toHaveLength(count);
  });

  it('says clearly when a rule id is unknown, and links to its group', async () => {
    renderAt('/rules/ws-handshake/no-such-rule');
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe(
      'No rule with this id',
    );
    expect(screen.getByText('ws-handshake/no-such-rule')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'WebSocket handshake rules' })).toBeTruthy();
  });
});
