/**
 * The request translation on its own: a request without Host (HTTP/1.0 may omit it) is a missing
 * header to the core, which then uses its fallback host, not a TypeError from `Headers.get(':authority')`
 * that the adapter would turn into a 503.
 */
import { describe, expect, it } from 'vitest';
import { authHead, authRequest, headerOf } from '../src/request.js';

describe('request translation', () => {
  it('answers undefined for a pseudo-header instead of throwing', () => {
    const headers = new Headers({ host: 'app.test' });
    expect(headerOf(headers, ':authority')).toBeUndefined();
    expect(headerOf(headers, 'host')).toBe('app.test');
    expect(headerOf(headers, 'cookie')).toBeUndefined();
  });

  it('translates a request that has no Host header', async () => {
    const request = new Request('http://app.test/api/me?x=1');
    expect(request.headers.has('host')).toBe(false);
    expect(authRequest(request, {}).url).toBe('http://localhost/api/me?x=1');
    const head = authHead(request, {});
    expect(head.headers.get('authorization')).toBeNull();
  });
});
