/** Cookie serialisation, parsing, and chunking. */
import { describe, expect, it } from 'vitest';
import { clearStale, parseCookies, readChunked, serializeCookie, writeChunked } from '../../src/server/cookies.js';

const attrs = { path: '/', secure: true, httpOnly: true, sameSite: 'Lax' as const, maxAge: 600 };
const limits = { chunkSize: 1000, maxChunks: 3 };

describe('cookies', () => {
  it('serialises attributes in order, and deletion with Max-Age=0 and an old Expires', () => {
    expect(serializeCookie('a', 'v', attrs)).toBe('a=v; Path=/; Max-Age=600; Secure; HttpOnly; SameSite=Lax');
    expect(serializeCookie('a', '', { ...attrs, maxAge: 0, domain: 'example.com' })).toBe('a=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Domain=example.com; Secure; HttpOnly; SameSite=Lax');
    expect(() => serializeCookie('a', 'v;x', attrs)).toThrow(TypeError);
    expect(() => serializeCookie('a b', 'v', attrs)).toThrow(TypeError);
  });

  it('parses, first occurrence wins, quotes stripped, bounded', () => {
    const req = new Request('https://x', { headers: { cookie: 'a=1; b="2"; a=3; junk; =x' } });
    const c = parseCookies(req);
    expect([...c]).toEqual([['a', '1'], ['b', '2']]);
    const many = Array.from({ length: 500 }, (_, i) => `c${i}=1`).join('; ');
    expect(parseCookies(new Request('https://x', { headers: { cookie: many } })).size).toBe(200);
  });

  it('chunks a long value and joins it back', () => {
    const value = 'x'.repeat(2500);
    const lines = writeChunked('t', value, attrs, limits, new Map());
    expect(lines.map((l) => l.split('=')[0])).toEqual(['t.0', 't.1', 't.2']);
    const jar = new Map(lines.map((l) => [l.split('=')[0]!, l.slice(l.indexOf('=') + 1, l.indexOf(';'))]));
    expect(readChunked('t', jar, limits)).toBe(value);
    expect(() => writeChunked('t', 'x'.repeat(3001), attrs, limits, new Map())).toThrow(/more than 3 cookies/);
  });

  it('clears the other layout and stale chunks', () => {
    const present = new Map([['t', 'old'], ['t.0', 'a'], ['t.1', 'b'], ['t.2', 'c']]);
    const one = writeChunked('t', 'short', attrs, limits, present);
    expect(one[0]).toMatch(/^t=short;/);
    expect(one.slice(1).map((l) => l.split('=')[0])).toEqual(['t.0', 't.1', 't.2']);
    const two = writeChunked('t', 'y'.repeat(1500), attrs, limits, present);
    expect(two.filter((l) => l.includes('Max-Age=0')).map((l) => l.split('=')[0])).toEqual(['t', 't.2']);
    expect(clearStale('t', 0, attrs, limits, new Map())).toEqual([]);
  });

  it('refuses gaps and too many chunks', () => {
    expect(() => readChunked('t', new Map([['t.0', 'a'], ['t.2', 'c']]), limits)).toThrow(/gap/);
    expect(() => readChunked('t', new Map([['t.0', 'a'], ['t.1', 'b'], ['t.2', 'c'], ['t.3', 'd']]), limits)).toThrow(/more than 3 chunks/);
    expect(readChunked('t', new Map([['other', 'a']]), limits)).toBeUndefined();
  });
});
