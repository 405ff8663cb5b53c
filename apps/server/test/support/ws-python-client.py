"""A WebSocket client on python-websockets (Debian's 10.4, run with /usr/bin/python3), used by
the fault tests as an independent peer. It connects, optionally sends a ping, a message and/or
a close, then waits for what the server does, and prints ONE JSON line:

  {"opened": bool, "exception": "ClassName" | null, "message": str,
   "rcvd": close code received | null, "sent": close code sent | null, "received": [...]}

Usage: ws-python-client.py URL '{"ping": true, "send": "hi", "close": true, ...}'
Options: open_timeout, close_timeout, pong_timeout, ping_interval, ping_timeout, wait (s),
subprotocols, no_deflate (offer no permessage-deflate; python-websockets offers it by default),
send_fragments (a list of strings sent as ONE fragmented text message, RFC 6455 §5.4) with
fragment_delay (s, default 0.05) between the fragments.
Every wait is bounded. The defaults are generous (a loaded CI machine can stall a healthy
server for seconds); a test that wants a timeout to expire passes a short one.
"""
import asyncio
import json
import sys

import websockets


async def run(url, opts):
    out = {"opened": False, "exception": None, "message": "", "rcvd": None, "sent": None,
           "received": [], "pong": None}
    try:
        async with websockets.connect(
            url,
            open_timeout=opts.get("open_timeout", 10),
            close_timeout=opts.get("close_timeout", 5),
            ping_interval=opts.get("ping_interval"),
            ping_timeout=opts.get("ping_timeout"),
            subprotocols=opts.get("subprotocols"),
            compression=None if opts.get("no_deflate") else "deflate",
        ) as ws:
            out["opened"] = True
            if opts.get("ping"):
                waiter = await ws.ping(b"liveness")
                try:
                    await asyncio.wait_for(waiter, opts.get("pong_timeout", 10))
                    out["pong"] = True
                except asyncio.TimeoutError:
                    out["pong"] = False
                    # RFC 6455 §5.5.2 liveness: no Pong in time, give up on the peer.
                    await ws.close(1011, "no pong")
            if "send" in opts:
                await ws.send(opts["send"])
            if "send_fragments" in opts:
                async def fragments():
                    for i, fragment in enumerate(opts["send_fragments"]):
                        if i > 0:
                            await asyncio.sleep(opts.get("fragment_delay", 0.05))
                        yield fragment
                await ws.send(fragments())
            if opts.get("close"):
                await ws.close(1000, "client done")
            async def drain():
                async for message in ws:
                    out["received"].append(message if isinstance(message, str) else message.hex())
            await asyncio.wait_for(drain(), opts.get("wait", 10))
    except websockets.exceptions.ConnectionClosed as e:
        out["exception"] = type(e).__name__
        out["message"] = str(e)
        out["rcvd"] = e.rcvd.code if e.rcvd else None
        out["sent"] = e.sent.code if e.sent else None
    except Exception as e:  # noqa: BLE001 - report every failure class to the test
        out["exception"] = type(e).__name__
        out["message"] = str(e)
    if out["exception"] is None and out["opened"]:
        # A clean end: report the close codes the library saw.
        ws_state = locals().get("ws")
        if ws_state is not None:
            out["rcvd"] = ws_state.close_rcvd.code if ws_state.close_rcvd else None
            out["sent"] = ws_state.close_sent.code if ws_state.close_sent else None
    print(json.dumps(out))


if __name__ == "__main__":
    asyncio.run(run(sys.argv[1], json.loads(sys.argv[2] if len(sys.argv) > 2 else "{}")))
