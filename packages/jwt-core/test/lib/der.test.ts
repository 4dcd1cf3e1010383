import { describe, expect, it } from 'vitest';
import { DerReader, derBitString, derEncode, derOid, derSequence, derUnsignedInteger, TAG } from '../../src/lib/der.js';
import { thrown } from '../jwk/keys.js';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('DER reader', () => {
  it('reads what the writer writes', () => {
    const big = new Uint8Array(300).fill(0xab);
    const der = derSequence([derUnsignedInteger(bytes(0x80, 1)), derOid('1.2.840.113549.1.1.1'), derBitString(big), derEncode(TAG.NULL, new Uint8Array(0))]);
    const outer = new DerReader(der);
    const r = outer.sequence('seq');
    expect(r.unsignedInteger('int')).toEqual(bytes(0x80, 1));
    expect(r.oid('oid')).toBe('1.2.840.113549.1.1.1');
    expect(r.bitString('bits')).toEqual(big);
    r.read(TAG.NULL, 'null');
    r.finish('seq');
    outer.finish('seq');
  });

  it('decodes OIDs with large arcs and first arcs 0, 1, 2', () => {
    for (const oid of ['1.3.132.0.35', '2.5.29.17', '0.9.2342.19200300.100.1.1', '1.3.101.112']) {
      expect(new DerReader(derOid(oid)).oid('oid')).toBe(oid);
    }
  });

  it.each([
    ['indefinite length (BER)', bytes(0x30, 0x80, 0, 0)],
    ['non-minimal long length', bytes(0x04, 0x81, 0x01, 0xaa)],
    ['length with a leading zero byte', bytes(0x04, 0x82, 0x00, 0x81, ...new Array(0x81).fill(0))],
    ['length past the end', bytes(0x04, 0x05, 1, 2)],
    ['more than 4 length bytes', bytes(0x04, 0x85, 1, 0, 0, 0, 0)],
    ['truncated length', bytes(0x04)],
  ])('refuses %s', (_name, der) => {
    const err = thrown(() => new DerReader(der).read(TAG.OCTET_STRING === der[0] ? TAG.OCTET_STRING : TAG.SEQUENCE, 'value'));
    expect(err.code).toBe('ERR_JWK_INVALID');
    expect(err.message).toMatch(/^the key's DER structure is invalid/);
  });

  it('refuses negative and non-minimal INTEGERs, and bit strings with unused bits', () => {
    expect(thrown(() => new DerReader(bytes(0x02, 0x01, 0x80)).unsignedInteger('n')).message).toMatch(/negative/);
    expect(thrown(() => new DerReader(bytes(0x02, 0x02, 0x00, 0x01)).unsignedInteger('n')).message).toMatch(/non-minimal/);
    expect(thrown(() => new DerReader(bytes(0x02, 0x00)).unsignedInteger('n')).message).toMatch(/empty/);
    expect(thrown(() => new DerReader(bytes(0x03, 0x02, 0x01, 0xfe)).bitString('b')).message).toMatch(/unused bits/);
    expect(thrown(() => new DerReader(bytes(0x06, 0x02, 0x2a, 0x86)).oid('o')).message).toMatch(/truncated/);
  });

  it('refuses a wrong tag and trailing data, naming what was expected and where', () => {
    expect(thrown(() => new DerReader(bytes(0x04, 0x00)).sequence('SubjectPublicKeyInfo')).message)
      .toBe("the key's DER structure is invalid: expected SubjectPublicKeyInfo at byte 0, found tag 0x4");
    const r = new DerReader(bytes(0x05, 0x00, 0x05, 0x00));
    r.read(TAG.NULL, 'null');
    expect(thrown(() => r.finish('the key')).message).toMatch(/unexpected data after the key/);
  });
});
