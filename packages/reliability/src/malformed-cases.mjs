/**
 * The malformed requests of the malformed-HTTP scenario, as bytes on the wire (RFC 9112 names what
 * each breaks). `cases(host, cookie, token)` builds them for one app: `cookie` a valid
 * `tessera-at=…` access cookie and `token` a valid access token, so that a case differs from an
 * accepted request only by what it breaks. Each case names what it sends (`sent`, for the report)
 * and what it may get: `refused` (a 4xx or a closed connection, never 5xx, never silence), or
 * `served` (a complete request, then our side half-closed: a 200, then the server closes).
 */
const kib = (n) => 'a'.repeat(n * 1024);
const get = (host, target, headers = '') => `GET ${target} HTTP/1.1\r\nHost: ${host}\r\n${headers}\r\n`;
const latin1 = (text) => Buffer.from(text, 'latin1');

/** The slow cases wait for the server's own timeouts (apps/common/src/serve.mjs): headers, then the whole request. */
export function slowCases(host) {
  const login = `POST /auth/login HTTP/1.1\r\nHost: ${host}\r\nOrigin: http://${host}\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n`;
  const drip = Array.from({ length: 120 }, () => [{ pauseMs: 250 }, 'x']).flat();
  return [
    { name: 'slow headers (one byte every 250 ms)', sent: 'a request head that never ends', steps: [`GET /api/me HTTP/1.1\r\nHost: ${host}\r\nX-Slow: `, ...drip], expect: 'refused', slow: true },
    { name: 'slow body (declared 200 bytes, a byte every 250 ms)', sent: 'POST /auth/login, Content-Length: 200, the body trickling', steps: [login, '{"username":', ...drip], expect: 'refused', slow: true },
    { name: 'body never sent', sent: 'POST /auth/login, Content-Length: 200, 12 bytes, then nothing', steps: [login, '{"username":'], expect: 'refused', slow: true },
    { name: 'request line, then nothing', sent: 'GET /api/me HTTP/1.1 and no header or blank line', steps: ['GET /api/me HTTP/1.1\r\n'], expect: 'refused', slow: true },
  ];
}

/** The cases that are answered (or refused) at once. */
export function fastCases(host, cookie, token) {
  const login = (body, headers = '') => latin1(`POST /auth/login HTTP/1.1\r\nHost: ${host}\r\nOrigin: http://${host}\r\nContent-Type: application/json\r\n${headers}Content-Length: ${Buffer.byteLength(body, 'latin1')}\r\n\r\n${body}`);
  const [header, payload] = token.split('.');
  return [
    { name: 'garbage request line', sent: '`HELLO`', steps: ['HELLO\r\n\r\n'] },
    { name: 'request line without a version', sent: '`GET /api/me` (HTTP/0.9)', steps: ['GET /api/me\r\n\r\n'] },
    { name: 'unknown HTTP version', sent: '`GET /api/me HTTP/7.1`', steps: [get(host, '/api/me').replace('HTTP/1.1', 'HTTP/7.1')] },
    { name: 'space inside the target', sent: '`GET /api me HTTP/1.1`', steps: [get(host, '/api me')] },
    { name: 'control character in the target', sent: 'target `/api/\\x01me`', steps: [get(host, '/api/\x01me')] },
    { name: 'invalid UTF-8 in the target', sent: 'target `/api/\\xff\\xfe`', steps: [latin1(get(host, '/api/\xff\xfe'))] },
    { name: 'NUL in the method', sent: 'method `G\\x00ET`', steps: [`G\x00ET / HTTP/1.1\r\nHost: ${host}\r\n\r\n`] },
    { name: 'no Host header', sent: '`GET /api/me HTTP/1.1` without Host', steps: ['GET /api/me HTTP/1.1\r\n\r\n'] },
    { name: 'header line without a colon', sent: '`Bad header`', steps: [get(host, '/api/me', 'Bad header\r\n')] },
    { name: 'space before the colon', sent: '`Cookie : …`', steps: [get(host, '/api/me', `Cookie : ${cookie}\r\n`)] },
    { name: 'obsolete line folding', sent: 'a Cookie header folded over two lines', steps: [get(host, '/api/me', `Cookie: ${cookie.slice(0, 20)}\r\n ${cookie.slice(20)}\r\n`)] },
    { name: 'huge header (64 KiB)', sent: '`X-Big:` 64 KiB', steps: [get(host, '/api/me', `X-Big: ${kib(64)}\r\n`)] },
    { name: 'huge cookie (20 KiB)', sent: '`Cookie: tessera-at=` 20 KiB', steps: [get(host, '/api/me', `Cookie: tessera-at=${kib(20)}\r\n`)] },
    { name: 'huge token (20 KiB)', sent: '`Authorization: Bearer` 20 KiB', steps: [get(host, '/api/me', `Authorization: Bearer ${kib(20)}\r\n`)] },
    { name: '2,000 headers', sent: '2,000 `X-N: 1` lines (under 16 KiB)', steps: [get(host, '/api/me', Array.from({ length: 2000 }, (_, i) => `X-${i}: 1\r\n`).join(''))] },
    { name: 'two Authorization headers', sent: 'a valid bearer token, then `Bearer x`', steps: [get(host, '/api/me', `Authorization: Bearer ${token}\r\nAuthorization: Bearer x\r\n`)] },
    { name: 'two access cookies', sent: 'a valid `tessera-at`, then `tessera-at=x` in a second Cookie header', steps: [get(host, '/api/me', `Cookie: ${cookie}\r\nCookie: tessera-at=x\r\n`)] },
    { name: 'two Content-Length values', sent: 'POST /auth/login, `Content-Length: 5` and `6`', steps: [`POST /auth/login HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!`] },
    { name: 'Content-Length and chunked', sent: 'POST /auth/login with both framings', steps: [`POST /auth/login HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`] },
    { name: 'invalid chunk size', sent: 'POST /auth/login, chunk size `zz`', steps: [`POST /auth/login HTTP/1.1\r\nHost: ${host}\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n`] },
    { name: 'body over the 64 KiB limit', sent: 'POST /auth/login, 100 KiB of JSON', steps: [login(`{"username":"${kib(100)}"}`)] },
    { name: 'truncated JSON body', sent: 'POST /auth/login, `{"username":`', steps: [login('{"username":')] },
    { name: 'invalid UTF-8 in the JSON body', sent: 'POST /auth/login, user name `\\xff\\xfe`', steps: [login('{"username":"\xff\xfe","password":"\xc3\x28"}')] },
    { name: 'invalid UTF-8 in the access cookie', sent: '`tessera-at=\\xff\\xfe\\xfd`', steps: [latin1(get(host, '/api/me', 'Cookie: tessera-at=\xff\xfe\xfd\r\n'))] },
    { name: 'control character in the cookie', sent: '`tessera-at=ab\\x01cd`', steps: [get(host, '/api/me', 'Cookie: tessera-at=ab\x01cd\r\n')] },
    { name: 'NUL in the cookie', sent: '`tessera-at=ab\\x00cd`', steps: [get(host, '/api/me', 'Cookie: tessera-at=ab\x00cd\r\n')] },
    { name: 'invalid UTF-8 in the bearer token', sent: '`Bearer \\xff\\xfe.\\xff.\\xff`', steps: [latin1(get(host, '/api/me', 'Authorization: Bearer \xff\xfe.\xff.\xff\r\n'))] },
    { name: 'payload decoding to invalid UTF-8', sent: 'a token whose payload is base64url of `\\xff\\xfe`', steps: [get(host, '/api/me', `Authorization: Bearer ${header}.${Buffer.from([0xff, 0xfe]).toString('base64url')}.${payload}\r\n`)] },
    { name: 'control character in the token', sent: 'a valid token with `\\x7f` inside', steps: [get(host, '/api/me', `Authorization: Bearer ${token.slice(0, 30)}\x7f${token.slice(30)}\r\n`)] },
    { name: 'absolute-form target of another host', sent: '`GET http://evil.test/api/me`', steps: [get(host, 'http://evil.test/api/me', `Cookie: tessera-at=x\r\n`)] },
    { name: 'half-closed after a complete request', sent: 'a valid `GET /api/me`, then FIN', steps: [get(host, '/api/me', `Cookie: ${cookie}\r\n`), { halfClose: true }], expect: 'served' },
    { name: 'half-closed inside the headers', sent: '`GET /api/me HTTP/1.1\\r\\nHost: …`, then FIN', steps: [`GET /api/me HTTP/1.1\r\nHost: ${host}\r\n`, { halfClose: true }] },
    { name: 'reset inside the body', sent: 'POST /auth/login, half the body, then RST', steps: [`POST /auth/login HTTP/1.1\r\nHost: ${host}\r\nOrigin: http://${host}\r\nContent-Type: application/json\r\nContent-Length: 40\r\n\r\n{"username"`, { pauseMs: 50 }, { reset: true }], expect: 'reset' },
  ].map((c) => ({ expect: 'refused', ...c }));
}
