import { describe, expect, it } from 'vitest';
import { JoseError } from '../../src/errors.js';
import { decodeHeader, splitCompact } from '../../src/jws/parse.js';

const b64 = (s: string) => Buffer.from(s).toString('base64url');
const HEADER = b64('{"alg":"HS256"}');

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(JoseError);
    return (err as JoseError).code;
  }
  return undefined;
}

describe('splitCompact', () => {
  it('splits three segments and locates the signing input', () => {
    const token = `${HEADER}.${b64('{}')}.AAAA`;
    const parts = splitCompact(token, 1000);
    expect(parts.header).toBe(HEADER);
    expect(parts.payload).toBe(b64('{}'));
    expect(parts.signature).toBe('AAAA');
    expect(token.slice(0, parts.signingInputEnd)).toBe(`${HEADER}.${b64('{}')}`);
  });

  it('refuses non-strings', () => {
    for (const value of [undefined, null, 42, ['a.b.c'], { token: 'a.b.c' }, new Uint8Array(3)]) {
      expect(codeOf(() => splitCompact(value, 1000))).toBe('ERR_JWS_INVALID');
    }
  });

  it('refuses a token over maxTokenLength by its length alone, naming the limit', () => {
    const token = `${HEADER}.${'A'.repeat(200)}.AAAA`;
    expect(() => splitCompact(token, 100)).toThrow(/over the limit of 100 \(maxTokenLength\)/);
    // At the limit it passes.
    expect(splitCompact(token, token.length).signature).toBe('AAAA');
  });

  it('checks the length before looking at the content', () => {
    // Not a token at all, but oversized: the limit is what is reported.
    const err = (() => { try { splitCompact('%'.repeat(50), 10); } catch (e) { return e as JoseError; } return undefined; })();
    expect(err?.limit).toBe('maxTokenLength=10');
  });

  it.each([
    ['one segment', 'abc', /1 segment, expected 3/],
    ['two segments', 'abc.def', /2 segments, expected 3/],
    ['four segments', 'a.b.c.d', /4 segments, expected 3/],
    ['five segments (JWE)', 'a.b.c.d.e', /5 segments.*JWE/],
  ])('refuses %s', (_name, token, message) => {
    expect(() => splitCompact(token, 1000)).toThrow(message);
  });

  it('refuses the JWS JSON serialization with a hint', () => {
    const json = JSON.stringify({ payload: 'e30', protected: HEADER, signature: 'AAAA' });
    try {
      splitCompact(json, 1000);
      expect.unreachable();
    } catch (err) {
      expect((err as JoseError).code).toBe('ERR_JWS_INVALID');
      expect((err as JoseError).hint).toMatch(/JSON serialization is not accepted/);
    }
  });

  it('refuses an empty header segment', () => {
    expect(() => splitCompact(`.${b64('{}')}.AAAA`, 1000)).toThrow(/header segment is empty/);
  });

  it.each([
    ['padding in the payload', `${HEADER}.e30=.AAAA`, /payload is not valid base64url/],
    ['"+" in the payload', `${HEADER}.e3+.AAAA`, /payload is not valid base64url/],
    ['"/" in the signature', `${HEADER}.e30.AA/A`, /signature is not valid base64url/],
    ['whitespace in the signature', `${HEADER}.e30.AA A`, /signature is not valid base64url/],
    ['an impossible length', `${HEADER}.e30.AAAAA`, /signature is not valid base64url/],
    ['a non-canonical last character', `${HEADER}.e31.AAAA`, /payload is not valid base64url/],
    ['non-ASCII characters', `${HEADER}.e30.AAé`, /signature is not valid base64url/],
  ])('refuses %s', (_name, token, message) => {
    expect(() => splitCompact(token, 1000)).toThrow(message);
  });

  it('accepts an empty payload and an empty signature segment (their checks come later)', () => {
    expect(splitCompact(`${HEADER}..`, 1000).payload).toBe('');
  });
});

describe('decodeHeader', () => {
  it('decodes a JSON object header', () => {
    expect(decodeHeader(HEADER, 4096, 32)).toEqual({ alg: 'HS256' });
  });

  it('refuses a header over maxHeaderBytes before decoding it', () => {
    // Invalid base64url that is too long: the size limit is reported, so nothing was decoded.
    expect(() => decodeHeader('!'.repeat(200), 100, 32)).toThrow(/over the limit of 100 \(maxHeaderBytes\)/);
    const big = b64(JSON.stringify({ alg: 'HS256', x: 'y'.repeat(120) }));
    expect(() => decodeHeader(big, 100, 32)).toThrow(/maxHeaderBytes/);
    expect(decodeHeader(big, 200, 32).alg).toBe('HS256');
  });

  it.each([
    ['an array', '[1,2]', /header must be a JSON object, got an array/],
    ['a string', '"HS256"', /header must be a JSON object, got a string/],
    ['null', 'null', /header must be a JSON object, got null/],
    ['not JSON', '{alg:HS256}', /header is not valid JSON/],
    ['a __proto__ member', '{"alg":"HS256","__proto__":{"admin":true}}', /__proto__/],
  ])('refuses %s', (_name, json, message) => {
    expect(() => decodeHeader(b64(json), 4096, 32)).toThrow(message);
  });

  it('refuses deep nesting with a typed error, not a stack overflow', () => {
    const deep = `{"alg":"HS256","x":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    expect(codeOf(() => decodeHeader(b64(deep), 1 << 20, 32))).toBe('ERR_JWS_INVALID');
    expect(() => decodeHeader(b64(deep), 1 << 20, 32)).toThrow(/deeper than 32/);
  });

  it('refuses invalid UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from('{"alg":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    expect(() => decodeHeader(bytes.toString('base64url'), 4096, 32)).toThrow(/header is not valid UTF-8/);
  });
});
