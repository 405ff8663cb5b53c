"""Independent WebSocket peer for interop tests: Debian's python3-websockets 10.4.

Run with /usr/bin/python3 (not pyenv's python3).

  ws_peer.py server [deflate]   serve on 127.0.0.1:<free port>; print {"port": N}; echo every
                                message back; report each message and the close as JSON lines.
  ws_peer.py expect-fail <uri>  connect, wait for a message; report what it got or how the
                                connection closed (the code python-websockets failed it with).
  ws_peer.py client <uri> [deflate]
                                connect; send "hello", b"\x00\x01\xff", a 70000-byte text;
                                report what comes back as JSON lines; close with 1000.

Every line on stdout is one JSON object. The process exits on its own (bounded waits).
"""
import asyncio
import json
import sys

import websockets


def report(**kw):
    print(json.dumps(kw), flush=True)


def describe(message):
    if isinstance(message, str):
        return {"kind": "text", "length": len(message.encode()), "head": message[:40]}
    return {"kind": "binary", "length": len(message), "hex": message[:40].hex()}


async def serve(deflate):
    async def handler(ws, *args):
        try:
            async for message in ws:
                report(event="message", extensions=[e.name for e in ws.extensions], **describe(message))
                await ws.send(message)
        except websockets.ConnectionClosed:
            pass
        report(event="closed", code=ws.close_code, reason=ws.close_reason)

    compression = "deflate" if deflate else None
    async with websockets.serve(handler, "127.0.0.1", 0, compression=compression, max_size=2**20) as server:
        port = next(iter(server.sockets)).getsockname()[1]
        report(port=port)
        await asyncio.sleep(28)


async def client(uri, deflate):
    compression = "deflate" if deflate else None
    async with websockets.connect(uri, compression=compression, open_timeout=10, close_timeout=10) as ws:
        report(event="open", subprotocol=ws.subprotocol, extensions=[e.name for e in ws.extensions])
        for message in ["hello", b"\x00\x01\xff", "x" * 70000]:
            await ws.send(message)
            back = await asyncio.wait_for(ws.recv(), 10)
            report(event="echo", **describe(back))
        await ws.close(1000, "done")
        report(event="closed", code=ws.close_code, reason=ws.close_reason)


async def expect_fail(uri):
    async with websockets.connect(uri, open_timeout=10, close_timeout=2) as ws:
        try:
            message = await asyncio.wait_for(ws.recv(), 10)
            report(event="message", **describe(message))
        except websockets.ConnectionClosed as exc:
            sent = exc.sent.code if exc.sent else None
            report(event="failed", sent_code=sent, type=type(exc).__name__)


def main():
    mode = sys.argv[1]
    try:
        if mode == "expect-fail":
            asyncio.run(asyncio.wait_for(expect_fail(sys.argv[2]), 25))
        elif mode == "server":
            asyncio.run(asyncio.wait_for(serve("deflate" in sys.argv[2:]), 30))
        else:
            asyncio.run(asyncio.wait_for(client(sys.argv[2], "deflate" in sys.argv[3:]), 25))
    except asyncio.TimeoutError:
        pass
    except Exception as exc:  # report, never hang
        report(event="exception", type=type(exc).__name__, message=str(exc))


main()
