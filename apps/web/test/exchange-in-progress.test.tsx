/**
 * A share link opened while its exchange is still in progress (`GET /api/exchanges/{id}` serves
 * live snapshots of active captures; only a finished one has `timings.end`): the page says it is
 * open, never that the connection closed, refreshes until it ends, and says so when it has. Also:
 * a body's size is stated once, with the stored preview's size labelled when it was cut.
 */
import { act, render, renderHook, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, MemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Exchange, WebSocketCapture } from '@switchyard/exchange';
import { bodyLabel, BodyPreview } from '../src/exchange/body-preview.js';
import { ExchangeView } from '../src/exchange/exchange-view.js';
import { useExchangeSnapshots } from '../src/exchange/use-exchange-snapshots.js';
import { CapturedFrames } from '../src/frames/captured-frames.js';
import { routes } from '../src/routes.js';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

const ID = 'c3NlLWluLXByb2dyZXNzLTE';
const SSE_PREVIEW = 'retry: 3000\n\nid: 1\nevent: hello\ndata: {"room":"t1"}\n\n';

/** An `/sse` capture as the server snapshots it while the stream is open (no `timings.end`). */
function openSse(): Exchange {
  return {
    schemaVersion: 1,
    id: ID,
    createdAt: '2026-11-21T17:30:22.447Z',
    kind: 'http',
    endpoint: '/sse',
    source: 'capture',
    request: {
      method: 'GET',
      target: '/sse?room=t1',
      httpVersion: '1.1',
      headers: [['Host', 'a']],
    },
    interim: [],
    response: {
      status: 200,
      reason: 'OK',
      httpVersion: '1.1',
      headers: [['Content-Type', 'text/event-stream; charset=utf-8']],
    },
    requestBody: { size: 0, truncated: false },
    responseBody: {
      size: new TextEncoder().encode(SSE_PREVIEW).length,
      truncated: false,
      preview: SSE_PREVIEW,
      previewEncoding: 'text',
      mimeType: 'text/event-stream; charset=utf-8',
    },
    timings: { start: 1795282222447320, requestHead: 219, firstByte: 1020 },
    notes: [],
    redactions: [],
    findings: [],
  };
}

/** The same capture once the client went away: `timings.end` set, linted. */
function endedSse(): Exchange {
  const e = openSse();
  e.timings.end = 4_250_000;
  return e;
}

function openWebSocket(frames: WebSocketCapture['frames'] = []): WebSocketCapture {
  return {
    subprotocol: null,
    extensions: '',
    frames,
    framesSeen: { clientToServer: frames.length, serverToClient: 0 },
    truncation: {
      maxFrames: 1000,
      maxBytes: 1_000_000,
      framesDropped: 0,
      bytesDropped: 0,
      framesCut: 0,
    },
  };
}

/** The view alone (its actions navigate, so it needs a router). */
function renderView(exchange: Exchange) {
  return render(
    <MemoryRouter>
      <ExchangeView exchange={exchange} />
    </MemoryRouter>,
  );
}

function renderAt(path: string) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  return render(<RouterProvider router={router} />);
}

/** A fetch stub that answers each call with the next record (the last one repeats). */
function answers(...records: (Exchange | 'fail')[]) {
  let call = 0;
  return vi.fn(async () => {
    const record = records[Math.min(call, records.length - 1)];
    call += 1;
    if (record === 'fail') throw new TypeError('Failed to fetch');
    return Response.json(record);
  });
}

describe('/x/:id while the exchange is in progress', () => {
  it('shows "In progress" by the title, and on Reload the end of the stream', async () => {
    vi.stubGlobal('fetch', answers(openSse(), endedSse()));
    renderAt(`/x/${ID}`);
    const progress = await screen.findByTestId('exchange-progress');
    expect(within(progress).getByRole('status').textContent).toBe('In progress');
    expect(progress.textContent).toContain('The connection is still open');
    expect(screen.getByTestId('exchange-status').textContent).toContain('In progress');
    expect(screen.getByText('No end yet: the exchange is still in progress.')).toBeTruthy();
    // Not linted yet: an empty list must not read as "every rule passed".
    expect(screen.queryByText(/every rule that applies passed/)).toBeNull();
    expect(screen.getByText(/the rules run on the whole exchange once it has ended/)).toBeTruthy();

    await userEvent.click(within(progress).getByRole('button', { name: 'Reload' }));
    await screen.findByText(/Ended: the exchange finished while this page was open/);
    expect(within(progress).queryByRole('button', { name: 'Reload' })).toBeNull();
    expect(progress.textContent).not.toContain('In progress');
    expect(screen.getByTestId('exchange-status').textContent).toBe('Ended 4.250 s after it began');
    expect(screen.queryByText(/No end yet/)).toBeNull();
    expect(screen.getByText('End')).toBeTruthy();
  });

  it('re-fetches on its own while in progress, and the page shows the end', async () => {
    const fetchStub = answers(openSse(), endedSse());
    vi.stubGlobal('fetch', fetchStub);
    renderAt(`/x/${ID}`);
    await screen.findByText('In progress');
    // The automatic refresh (every 2 s) brings the ended record; findBy waits up to 10 s.
    await screen.findByText(/Ended: the exchange finished while this page was open/);
    expect(fetchStub.mock.calls.length).toBeGreaterThanOrEqual(2);
  });

  it('with no response yet says it is still in progress, not that the connection closed', async () => {
    const waiting = openSse();
    delete waiting.response;
    waiting.responseBody = { size: 0, truncated: false };
    vi.stubGlobal('fetch', answers(waiting));
    renderAt(`/x/${ID}`);
    await screen.findByText('No final response yet: the exchange is still in progress.');
    expect(screen.queryByText(/the connection closed first/)).toBeNull();
    expect(screen.getByText('Response body: none so far.')).toBeTruthy();
  });

  it('keeps the snapshot on screen when a refresh fails, and says so', async () => {
    vi.stubGlobal('fetch', answers(openSse(), 'fail'));
    renderAt(`/x/${ID}`);
    const reload = await screen.findByRole('button', { name: 'Reload' });
    await userEvent.click(reload);
    await screen.findByText(/The last refresh failed \(Failed to fetch\)/);
    expect(screen.getByText('In progress')).toBeTruthy();
    expect(screen.getByTestId('raw-request-head')).toBeTruthy();
  });
});

describe('ExchangeView without a live refresh', () => {
  it('an ended capture with no response still says the connection closed first', () => {
    const ended = endedSse();
    delete ended.response;
    renderView(ended);
    expect(
      screen.getByText('No final response was sent: the connection closed first.'),
    ).toBeTruthy();
    expect(screen.getByTestId('exchange-progress').textContent).toBe('');
  });

  it('an imported HAR without an end time is not "in progress"', () => {
    const imported = openSse();
    imported.source = 'import';
    renderView(imported);
    expect(screen.queryByText('In progress')).toBeNull();
    expect(screen.getByTestId('exchange-status').textContent).toContain('does not say when');
  });
});

describe('a WebSocket connection still open', () => {
  it('lists the frames so far and says no Close frame was sent yet', () => {
    render(<CapturedFrames websocket={openWebSocket()} inProgress />);
    expect(screen.getByText(/0 stored so far\./)).toBeTruthy();
    expect(screen.getByText('No frames yet on this open connection.')).toBeTruthy();
    const summary = screen.getByTestId('close-summary');
    expect(summary.textContent).toContain('neither side has sent a Close frame yet');
    expect(summary.textContent).not.toContain('ended without a Close frame');
  });

  it('in the page: "In progress" and the open-connection wording', () => {
    const ws = openSse();
    ws.kind = 'websocket';
    ws.endpoint = '/ws/echo';
    ws.response = { status: 101, reason: 'Switching Protocols', httpVersion: '1.1', headers: [] };
    ws.responseBody = { size: 0, truncated: false };
    ws.timings.upgrade = 1100;
    ws.websocket = openWebSocket();
    renderView(ws);
    expect(screen.getByText('In progress')).toBeTruthy();
    expect(screen.getByText(/neither side has sent a Close frame yet/)).toBeTruthy();
    expect(screen.queryByText(/ended without a Close frame/)).toBeNull();
    // A 101 has no content (RFC 9110 §15.2): its body is not "so far".
    expect(screen.getByText('Response body: none.')).toBeTruthy();
  });
});

describe('a body states its size once', () => {
  it('a whole body: one figure, no second byte count', () => {
    const body = openSse().responseBody;
    render(<BodyPreview title="Response body" body={body} />);
    const caption = screen.getByText(/^Response body:/);
    expect(caption.textContent).toBe(
      `Response body: ${body.size} bytes, text/event-stream; charset=utf-8`,
    );
    expect(caption.closest('figcaption')?.textContent).toBe(caption.textContent);
  });

  it('a cut preview: the total, and how many of its first bytes were stored', () => {
    const body = {
      size: 10_000,
      truncated: true,
      preview: 'é'.repeat(6),
      previewEncoding: 'text' as const,
      mimeType: 'text/plain',
    };
    expect(bodyLabel('Request body', body)).toBe(
      'Request body: 10000 bytes in total, text/plain; first 12 bytes stored (capture preview cap)',
    );
    render(<BodyPreview title="Request body" body={body} />);
    const caption = screen.getByText(/^Request body:/).closest('figcaption');
    expect(caption?.textContent).toBe(bodyLabel('Request body', body));
  });

  it('a base64 preview counts its decoded bytes', () => {
    const body = {
      size: 70_000,
      truncated: true,
      preview: btoa('\u00ff\u00fe\u0000\u0001'),
      previewEncoding: 'base64' as const,
    };
    expect(bodyLabel('Response body', body, true)).toBe(
      'Response body: 70000 bytes so far; first 4 bytes stored (capture preview cap), shown in base64 (not UTF-8 text)',
    );
  });
});

describe('useExchangeSnapshots', () => {
  it('polls every 2 s while in progress, then stops once the exchange has ended', async () => {
    vi.useFakeTimers();
    const fetchStub = answers(openSse(), openSse(), endedSse());
    vi.stubGlobal('fetch', fetchStub);
    const { result } = renderHook(() => useExchangeSnapshots(ID));
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(fetchStub).toHaveBeenCalledTimes(1);
    expect(result.current.autoRefresh).toBe('on');
    const first = result.current.result;

    await act(() => vi.advanceTimersByTimeAsync(2000));
    expect(fetchStub).toHaveBeenCalledTimes(2);
    // The same snapshot again: the page keeps the object it has (no re-render of the view).
    expect(result.current.result).toBe(first);

    await act(() => vi.advanceTimersByTimeAsync(2000));
    expect(fetchStub).toHaveBeenCalledTimes(3);
    expect(result.current.autoRefresh).toBe('ended');

    await act(() => vi.advanceTimersByTimeAsync(20_000));
    expect(fetchStub).toHaveBeenCalledTimes(3);
  });

  it('pauses while the page is hidden and resumes when it is shown', async () => {
    vi.useFakeTimers();
    const fetchStub = answers(openSse());
    vi.stubGlobal('fetch', fetchStub);
    const state = { value: 'visible' };
    vi.spyOn(document, 'visibilityState', 'get').mockImplementation(
      () => state.value as DocumentVisibilityState,
    );
    const { result } = renderHook(() => useExchangeSnapshots(ID));
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(fetchStub).toHaveBeenCalledTimes(1);

    state.value = 'hidden';
    act(() => {
      document.dispatchEvent(new Event('visibilitychange'));
    });
    expect(result.current.autoRefresh).toBe('paused-hidden');
    await act(() => vi.advanceTimersByTimeAsync(20_000));
    expect(fetchStub).toHaveBeenCalledTimes(1);

    state.value = 'visible';
    act(() => {
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await act(() => vi.advanceTimersByTimeAsync(2000));
    expect(fetchStub).toHaveBeenCalledTimes(2);
  });
});
