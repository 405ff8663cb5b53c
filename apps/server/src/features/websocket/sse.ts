/**
 * `GET /sse?room=`: the events of a chat room as Server-Sent Events (WHATWG HTML §9.2), the
 * one-way, plain-HTTP counterpart of `/ws/chat/:room`. Each event has an `id`, an `event` name
 * (`join`, `leave`, `message`) and a JSON `data` line; a comment every 15 s keeps proxies from
 * timing the stream out.
 *
 * Captured like every endpoint (issue 4, route `config: { capture: true }`): the capture plugin
 * taps `reply.raw`, so the head written here and every event are recorded (the body as the
 * capture's bounded preview, its size counted past the cap and `truncated` set), and the
 * exchange ends when the response closes: the client went away or the server shut down.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { recordResponseHeadNow } from '../../plugins/capture.js';
import { sendProblem } from '../../plugins/problem.js';
import { ROOM_NAME, type RoomEvent, type Rooms } from './rooms.js';

const HEARTBEAT_MS = 15_000;

/** The `/sse` route handler, with `closeAll()` to end every open stream at shutdown. */
export interface SseHandler {
  (request: FastifyRequest, reply: FastifyReply): Promise<unknown>;
  /**
   * Ends every open stream (server shutdown, from a `preClose` hook): a stream never ends by
   * itself, so the server would otherwise wait for each client to leave before closing.
   */
  closeAll(): void;
}

/** The handler of `GET /sse` over the events of `rooms`. */
export function sseHandler(rooms: Rooms): SseHandler {
  const open = new Set<FastifyReply['raw']>();
  async function sse(request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
    const { room = 'lobby' } = request.query as { room?: string };
    if (!ROOM_NAME.test(room)) {
      return sendProblem(reply, {
        status: 400,
        type: 'invalid-room',
        title: 'Invalid room name',
        detail: 'A room name is 1-64 characters of A-Z a-z 0-9 . _ ~ -',
        parameter: 'room',
      });
    }
    const res = reply.raw;
    // A hijacked reply sends only what is written to `res`: the fields hooks set on the reply
    // (the capture's share link `Link` + `X-Switchyard-Capture`, a rate limit's) go there first.
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined) res.setHeader(name, value);
    }
    reply.hijack();
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    // RFC 9110 §9.3.2: HEAD gets GET's header section and no content. Node drops every write
    // to a HEAD response and sends the head only on `end()`, so a HEAD stream would neither
    // answer nor ever finish: end it here, before any event is written.
    if (request.method === 'HEAD') {
      res.end();
      return;
    }
    request.capture?.note(
      'Server-Sent Events (WHATWG HTML §9.2): a stream with no end of its own; the exchange ends when the client disconnects or the server shuts down, and the body is kept as a bounded preview.',
    );
    let id = 0;
    const send = (name: string, data: unknown) => {
      res.write(`id: ${++id}\nevent: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    // The retry field tells the client how long to wait before reconnecting (ms).
    res.write('retry: 3000\n\n');
    // The head is on the wire with the first write: the capture records it now, not at the end.
    recordResponseHeadNow(request);
    send('hello', { room, time: new Date().toISOString() });
    const stop = rooms.subscribe(room, (event: RoomEvent) => send(event.type, event));
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
    open.add(res);
    const end = () => {
      clearInterval(heartbeat);
      stop();
      open.delete(res);
    };
    request.raw.socket.once('close', end);
    res.once('close', end);
  }
  return Object.assign(sse, {
    closeAll: () => {
      // The last chunk ends the stream cleanly (RFC 9112 §7.1); an EventSource reconnects
      // after `retry`, to whichever server answers then.
      for (const res of open) res.end();
    },
  });
}
