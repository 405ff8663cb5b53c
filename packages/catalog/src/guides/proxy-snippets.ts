import type { Snippet } from '../types.js';

/**
 * Reverse-proxy settings an HTTP/1.1 Upgrade needs, shared by the 101 and 426 guides.
 *
 * Why proxies need telling: Upgrade and Connection are hop-by-hop (RFC 9110 §7.6.1, §7.8), so a
 * proxy strips them unless it is configured to tunnel the upgrade; the backend then sees a plain
 * GET and answers 400, 426 or a page (200) instead of 101.
 */
export const nginxUpgradeProxy: Snippet = {
  title: 'nginx: forward Upgrade and Connection to the backend',
  language: 'nginx',
  code: `# In the http {} block: Connection follows the client's Upgrade header.
map $http_upgrade $connection_upgrade {
    default upgrade;
    ''      close;
}

server {
    listen 80;
    server_name app.example;

    location /ws/ {
        proxy_pass http://127.0.0.1:8080;
        # Upgrade needs an HTTP/1.1 request to the upstream (nginx defaults to 1.0).
        proxy_http_version 1.1;
        # Hop-by-hop fields are not forwarded unless set explicitly.
        proxy_set_header Upgrade $http_upgrade;
        proxy_set_header Connection $connection_upgrade;
        proxy_set_header Host $host;
        # An upgraded connection silent for proxy_read_timeout (default 60s) is closed.
        proxy_read_timeout 1h;
        proxy_send_timeout 1h;
    }
}`,
  note: 'Without proxy_http_version 1.1 and the two proxy_set_header lines the backend never sees the upgrade request. The map sends "Connection: close" for ordinary requests on the same location.',
};

/** Apache httpd 2.4.47 and later: mod_proxy_http tunnels the upgrade. */
export const apacheProxyHttpUpgrade: Snippet = {
  title: 'Apache httpd 2.4.47+: ProxyPass ... upgrade=websocket (mod_proxy_http)',
  language: 'apache',
  code: `LoadModule proxy_module modules/mod_proxy.so
LoadModule proxy_http_module modules/mod_proxy_http.so

# upgrade=websocket lets mod_proxy_http switch this path to a tunnel when the client asks.
# timeout= (seconds) bounds how long the backend may stay silent.
ProxyPass        "/ws/" "http://127.0.0.1:8080/ws/" upgrade=websocket timeout=3600
ProxyPassReverse "/ws/" "http://127.0.0.1:8080/ws/"`,
  note: 'Since httpd 2.4.47 the Apache documentation recommends this over mod_proxy_wstunnel.',
};

/** Apache httpd 2.4.5 to 2.4.46: mod_proxy_wstunnel with a ws:// backend. */
export const apacheWstunnel: Snippet = {
  title: 'Apache httpd before 2.4.47: mod_proxy_wstunnel',
  language: 'apache',
  code: `LoadModule proxy_module modules/mod_proxy.so
LoadModule proxy_http_module modules/mod_proxy_http.so
LoadModule proxy_wstunnel_module modules/mod_proxy_wstunnel.so

# The WebSocket-only path goes first: ProxyPass rules match in order.
ProxyPass "/ws/" "ws://127.0.0.1:8080/ws/"
ProxyPass "/"    "http://127.0.0.1:8080/"`,
};

/** Idle timeouts: the usual cause of WebSockets that die after exactly N seconds. */
export const proxyTimeoutNote: Snippet = {
  title: 'Idle timeouts on the path',
  language: 'text',
  code: `nginx   proxy_read_timeout / proxy_send_timeout   default 60s
Apache  ProxyPass ... timeout=N  (or ProxyTimeout)  default: the server Timeout (60s)
Load balancers and CDNs have their own idle limits (often 60-100 s).

Either raise the limit on every hop, or (better) keep the connection busy:
the server sends a WebSocket ping (RFC 6455 §5.5.2) every 20-30 s and
expects the pong (§5.5.3) before the next one.`,
  note: 'A browser reports a connection cut by a proxy as close code 1006 (no close frame received, RFC 6455 §7.1.5).',
};
