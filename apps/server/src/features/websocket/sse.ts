/**
 * `GET /sse?room=`: the events of a chat room as Server-Sent Events (WHATWG HTML §9.2), the
 * one-way, plain-HTTP counterpart of `/ws/chat/:room`. Each event has an `id`, an `event` name
 * (`join`, `leave`, `message`) and a JSON `data` line; a comment every 15 s keeps proxies from
 * timing the stream out.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendProblem } from '../../plugins/problem.js';
import { ROOM_NAME, type RoomEvent, type Rooms } from './rooms.js';

const HEARTBEAT_MS = 15_000;

export function sseHandler(rooms: Rooms) {
  return async function sse(request: FastifyRequest, reply: FastifyReply) {
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
    reply.hijack();
    const res = reply.raw;
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
    let id = 0;
    const send = (name: string, data: unknown) => {
      res.write(`id: ${++id}\nevent: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    // The retry field tells the client how long to wait before reconnecting (ms).
    res.write('retry: 3000\n\n');
    send('hello', { room, time: new Date().toISOString() });
    const stop = rooms.subscribe(room, (event: RoomEvent) => send(event.type, event));
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
    const end = () => {
      clearInterval(heartbeat);
      stop();
    };
    request.raw.socket.once('close', end);
    res.once('close', end);
  };
}
