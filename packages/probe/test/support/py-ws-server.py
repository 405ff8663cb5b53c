"""A python3-websockets (Debian's 10.4) echo server for the probe's interop tests.

Listens on 127.0.0.1 on a free port, prints the port on stdout, echoes every message, and
answers a text message "ping-me" by sending a Ping first. Exits after `LIFETIME` seconds or
when stdin closes, so it can never outlive the test.
"""
import asyncio
import os
import sys

import websockets

LIFETIME = 60


async def handler(ws, path=None):
    async for message in ws:
        if message == "ping-me":
            await ws.ping(b"from-python")
        await ws.send(message)


async def main():
    async with websockets.serve(handler, "127.0.0.1", 0, subprotocols=["chat"]) as server:
        port = server.sockets[0].getsockname()[1]
        print(port, flush=True)
        loop = asyncio.get_running_loop()
        stdin_closed = loop.run_in_executor(None, sys.stdin.read)
        await asyncio.wait([stdin_closed], timeout=LIFETIME)
    # The stdin reader thread may still block: leave without waiting for it.
    os._exit(0)


asyncio.run(main())
