import { render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Exchange } from '@switchyard/exchange';
import { routes } from '../src/routes.js';

afterEach(() => vi.unstubAllGlobals());

const base64 = (text: string) => btoa(text);

function exchange(): Exchange {
  const rawRequest =
    'GET /ws/echo HTTP/1.1\r\nHost: a\r\nX-Evil: <img src=x onerror=alert(1)>\r\n\r\n';
  return {
    schemaVersion: 1,
    id: 'Zm9vYmFyYmF6cXV4MTIzNA',
    createdAt: '2026-11-21T06:00:00.000Z',
    kind: 'websocket',
    endpoint: '/ws/echo',
    source: 'capture',
    request: {
      method: 'GET',
      target: '/ws/echo',
      httpVersion: '1.1',
      headers: [
        ['Host', 'a'],
        ['X-Evil', '<img src=x onerror=alert(1)>'],
      ],
      raw: base64(rawRequest),
    },
    interim: [],
    response: {
      status: 101,
      reason: 'Switching Protocols',
      httpVersion: '1.1',
      headers: [
        ['Upgrade', 'websocket'],
        ['Connection', 'Upgrade'],
      ],
    },
    requestBody: { size: 0, truncated: false },
    responseBody: { size: 0, truncated: false },
    timings: { start: 0 },
    notes: [],
    redactions: [],
    findings: [],
    websocket: {
      subprotocol: null,
      extensions: '',
      frames: [
        {
          seq: 0,
          direction: 'client-to-server',
          fin: true,
          rsv1: false,
          rsv2: false,
          rsv3: false,
          opcode: 1,
          masked: true,
          maskKey: base64('abcd'),
          payloadLength: 5,
          lengthEncoding: 7,
          headerOffset: 0,
          headerLength: 6,
          payloadOffset: 6,
          payload: base64('hello'),
          time: 1500,
          findings: [],
        },
      ],
      framesSeen: { clientToServer: 1, serverToClient: 0 },
      truncation: {
        maxFrames: 1000,
        maxBytes: 1000000,
        framesDropped: 0,
        bytesDropped: 0,
        framesCut: 0,
      },
    },
  };
}

function renderAt(path: string) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  return render(<RouterProvider router={router} />);
}

describe('/x/:id', () => {
  it('renders the captured heads raw and as a table, and the frames', async () => {
    const fetchStub = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) =>
      Response.json(exchange()),
    );
    vi.stubGlobal('fetch', fetchStub);
    const { container } = renderAt('/x/Zm9vYmFyYmF6cXV4MTIzNA');
    const raw = await screen.findByTestId('raw-request-head');
    expect(fetchStub.mock.calls[0]?.[0]).toBe('/api/exchanges/Zm9vYmFyYmF6cXV4MTIzNA');
    expect(raw.textContent).toBe(
      'GET /ws/echo HTTP/1.1\\r\\n\nHost: a\\r\\n\nX-Evil: <img src=x onerror=alert(1)>\\r\\n\n\\r\\n\n',
    );
    expect(screen.getByTestId('raw-response-head').textContent).toContain(
      'HTTP/1.1 101 Switching Protocols\\r\\n',
    );
    expect(screen.getAllByText('captured bytes', { exact: false }).length).toBeGreaterThan(0);
    expect(screen.getByRole('rowheader', { name: 'X-Evil' })).toBeTruthy();
    expect(screen.getByText('hello')).toBeTruthy();
    expect(container.querySelector('main img, main script')).toBeNull();
  });

  it('shows a clear error for an unknown id (404 problem+json)', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(
            JSON.stringify({ type: 'about:blank', title: 'Exchange not found', status: 404 }),
            {
              status: 404,
              headers: { 'Content-Type': 'application/problem+json' },
            },
          ),
      ),
    );
    renderAt('/x/nope');
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe(
      'No exchange with this link',
    );
    expect(screen.getByText('Exchange not found')).toBeTruthy();
  });
});
