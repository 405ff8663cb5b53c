import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { routes } from '../src/routes.js';
import { compareEchoPaths } from '../src/lab/echo-paths-compare.js';
import type { EchoPathsResult } from '../src/lab/echo-paths-api.js';
import { ECHO_PATHS_FIXTURE } from './fixtures/echo-paths.js';

const unstubbed = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = unstubbed;
});

/** Answers POST /api/lab/echo-paths with `answer` and records the requests. */
function stubFetch(answer: () => Response): { calls: { url: string; init?: RequestInit }[] } {
  const calls: { url: string; init?: RequestInit }[] = [];
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), ...(init ? { init } : {}) });
    return answer();
  };
  return { calls };
}

const renderAt = (path: string) =>
  render(<RouterProvider router={createMemoryRouter(routes, { initialEntries: [path] })} />);

describe('/lab/echo-paths', () => {
  it('runs the three paths and shows them side by side with their differences', async () => {
    const { calls } = stubFetch(() => Response.json(ECHO_PATHS_FIXTURE));
    renderAt('/lab/echo-paths');
    await userEvent.click(await screen.findByRole('button', { name: 'Run' }));
    expect(calls.map((c) => [c.url, c.init?.method])).toEqual([['/api/lab/echo-paths', 'POST']]);

    const column = (key: string) => screen.getByTestId(`echo-path-${key}`);
    await screen.findByTestId('echo-paths-summary');
    const statuses = ['http1-upgrade', 'h2c-upgrade', 'h2-prior-knowledge'].map(
      (key) => within(column(key)).getByTestId('echo-path-statuses').textContent,
    );
    expect(statuses).toEqual(['101', '101 → 200', '200']);

    // Path 1's request is the HTTP/1.1 head as sent; path 3's the CONNECT's fields.
    const h1 = within(column('http1-upgrade'));
    expect(h1.getByTestId('echo-path-http1-request').textContent).toContain('Upgrade: websocket');
    expect(h1.queryByTestId('echo-path-h2-request')).toBeNull();
    const pk = within(column('h2-prior-knowledge'));
    expect(pk.queryByTestId('echo-path-http1-request')).toBeNull();
    expect(pk.getByTestId('echo-path-h2-request').textContent).toContain(':protocol: websocket');
    expect(pk.getByTestId('echo-path-h2-frames').textContent).toContain(
      'ENABLE_CONNECT_PROTOCOL=1',
    );

    // Capture links go to /x/{id} for each path (two for the h2c path: stream 1 and CONNECT).
    const links = (key: string) =>
      within(column(key))
        .getAllByRole('link')
        .map((a) => a.getAttribute('href'));
    const ids = ECHO_PATHS_FIXTURE.paths.map((p) => p.captures.map((c) => `/x/${c.id}`));
    expect(links('http1-upgrade')).toEqual(ids[0]);
    expect(links('h2c-upgrade')).toEqual(ids[1]);
    expect(ids[1]).toHaveLength(2);

    // The comparison, computed from the records, each row citing its section.
    const keyAccept = screen.getByTestId('compare-key-accept');
    const cells = within(keyAccept).getAllByRole('cell');
    expect(cells[0]!.textContent).toMatch(/Key .+ → Accept .+/);
    expect(cells[1]!.textContent).toContain('neither');
    expect(cells[2]!.textContent).toContain('neither');
    expect(within(keyAccept).getByRole('link', { name: 'RFC 8441 §5' })).toBeTruthy();
    const masking = within(screen.getByTestId('compare-masking')).getAllByRole('cell');
    for (const c of masking) {
      expect(c.textContent).toContain('client frames masked: 2 of 2; server frames masked: 0 of 2');
    }
  });

  it('shows captured text as text, never as markup', async () => {
    const hostile: EchoPathsResult = structuredClone(ECHO_PATHS_FIXTURE);
    hostile.paths[0]!.ok = false;
    hostile.paths[0]!.error = '<img src=x onerror="alert(1)">';
    hostile.paths[0]!.websocket.receivedText = '<b>bold</b>';
    stubFetch(() => Response.json(hostile));
    const { container } = renderAt('/lab/echo-paths');
    await userEvent.click(await screen.findByRole('button', { name: 'Run' }));
    expect(await screen.findByText('<img src=x onerror="alert(1)">')).toBeTruthy();
    expect(screen.getByText('<b>bold</b>')).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(screen.getByTestId('echo-paths-summary').textContent).toBe('1 of 3 paths failed.');
  });

  it('shows the problem when the lab cannot run', async () => {
    stubFetch(() =>
      Response.json(
        { type: 'x', title: 'The lab is busy', status: 429, detail: 'try again' },
        { status: 429, headers: { 'content-type': 'application/problem+json' } },
      ),
    );
    renderAt('/lab/echo-paths');
    await userEvent.click(await screen.findByRole('button', { name: 'Run' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The lab is busy: try again');
  });
});

describe('compareEchoPaths', () => {
  it('says "(no record)" for a path missing from the answer', () => {
    const rows = compareEchoPaths(ECHO_PATHS_FIXTURE.paths.slice(0, 1));
    const status = rows.find((r) => r.id === 'status')!;
    expect(status.values[0]).toMatch(/^101 Switching Protocols \(Upgrade: websocket\)$/);
    expect(status.values.slice(1)).toEqual(['(no record)', '(no record)']);
    expect(rows.every((r) => r.cites.length > 0)).toBe(true);
  });
});
