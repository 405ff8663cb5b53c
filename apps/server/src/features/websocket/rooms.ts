/**
 * Chat rooms shared by `/ws/chat/:room` (members are WebSocket connections) and `/sse`
 * (listeners of the same events), so the two transports can be compared side by side.
 */
import { EventEmitter } from 'node:events';
import type { WebSocket } from 'ws';

/** One event of a room, as the SSE stream and the chat's join/leave notices carry it. */
export interface RoomEvent {
  type: 'join' | 'leave' | 'message';
  room: string;
  /** Members after the event. */
  members: number;
  /** Text messages: the text; binary: base64. */
  data?: string;
  binary?: boolean;
  time: string;
}

/** Room names: short, URL-safe. */
export const ROOM_NAME = /^[A-Za-z0-9._~-]{1,64}$/;

export class Rooms {
  private readonly members = new Map<string, Set<WebSocket>>();
  private readonly events = new EventEmitter();

  constructor() {
    // Every SSE client of a room is one listener; the count is bounded by connections.
    this.events.setMaxListeners(0);
  }

  /** Adds a connection to a room and tells the room's listeners. */
  join(room: string, socket: WebSocket): void {
    let set = this.members.get(room);
    if (!set) this.members.set(room, (set = new Set()));
    set.add(socket);
    this.publish({ type: 'join', room, members: set.size, time: new Date().toISOString() });
  }

  /** Removes a connection (idempotent). */
  leave(room: string, socket: WebSocket): void {
    const set = this.members.get(room);
    if (!set?.delete(socket)) return;
    if (set.size === 0) this.members.delete(room);
    this.publish({ type: 'leave', room, members: set.size, time: new Date().toISOString() });
  }

  /** Sends a message to every open member of the room (the sender included). */
  broadcast(room: string, data: Buffer, binary: boolean): void {
    const set = this.members.get(room);
    for (const member of set ?? []) {
      if (member.readyState === member.OPEN) member.send(data, { binary });
    }
    this.publish({
      type: 'message',
      room,
      members: set?.size ?? 0,
      data: binary ? data.toString('base64') : data.toString('utf8'),
      binary,
      time: new Date().toISOString(),
    });
  }

  /** Listens to a room's events; returns the function that stops listening. */
  subscribe(room: string, listener: (event: RoomEvent) => void): () => void {
    this.events.on(room, listener);
    return () => this.events.off(room, listener);
  }

  /** Closes every member (server shutdown). */
  closeAll(code: number, reason: string): void {
    for (const set of this.members.values()) for (const m of set) m.close(code, reason);
  }

  private publish(event: RoomEvent): void {
    this.events.emit(event.room, event);
  }
}
