/**
 * A raw DEFLATE decoder (RFC 1951) with a hard bound on its output, for runtimes without
 * `DecompressionStream('deflate-raw')` (the Vercel Edge Runtime, older browsers). Written after
 * Mark Adler's `puff.c` (the zlib distribution's reference decoder): canonical Huffman codes decoded
 * bit by bit, every length, count and distance checked. The bound is checked before each write,
 * so a compression bomb stops at `maxBytes` and memory never exceeds it; the work is linear in
 * the output, so it is bounded too.
 */

/** Why decoding stopped: the output would exceed the bound, or the data is not valid DEFLATE. */
export class InflateError extends Error {
  constructor(readonly kind: 'limit' | 'malformed', message: string) {
    super(message);
  }
}

const MAX_BITS = 15;
// RFC 1951 §3.2.5: base values and extra bits of the length (257..285) and distance (0..29) codes.
const LEN_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LEN_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
// RFC 1951 §3.2.7: the order in which code-length code lengths are sent.
const CL_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

interface Huffman { readonly counts: Uint16Array; readonly symbols: Uint16Array }

const malformed = (why: string): InflateError => new InflateError('malformed', `invalid DEFLATE data: ${why}`);

/** Canonical Huffman table from code lengths; an over-subscribed set of lengths is refused. */
function huffman(lengths: ArrayLike<number>): Huffman {
  const counts = new Uint16Array(MAX_BITS + 1);
  for (let i = 0; i < lengths.length; i++) counts[lengths[i]!]!++;
  counts[0] = 0;
  let left = 1;
  for (let len = 1; len <= MAX_BITS; len++) {
    left = left * 2 - counts[len]!;
    if (left < 0) throw malformed('over-subscribed Huffman code');
  }
  const offsets = new Uint16Array(MAX_BITS + 2);
  for (let len = 1; len <= MAX_BITS; len++) offsets[len + 1] = offsets[len]! + counts[len]!;
  const symbols = new Uint16Array(lengths.length);
  for (let i = 0; i < lengths.length; i++) if (lengths[i] !== 0) symbols[offsets[lengths[i]!]!++] = i;
  return { counts, symbols };
}

const FIXED = ((): { lit: Huffman; dist: Huffman } => {
  const lit = new Uint8Array(288);
  lit.fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280, 288);
  return { lit: huffman(lit), dist: huffman(new Uint8Array(30).fill(5)) };
})();

class Decoder {
  #pos = 0;
  #bitBuf = 0;
  #bitCount = 0;
  #out: Uint8Array;
  #len = 0;

  constructor(private readonly input: Uint8Array, private readonly max: number) {
    this.#out = new Uint8Array(Math.min(max, Math.max(1024, input.length * 4)));
  }

  bits(n: number): number {
    let v = this.#bitBuf;
    while (this.#bitCount < n) {
      if (this.#pos >= this.input.length) throw malformed('the data ends early');
      v |= this.input[this.#pos++]! << this.#bitCount;
      this.#bitCount += 8;
    }
    this.#bitBuf = v >>> n;
    this.#bitCount -= n;
    return v & ((1 << n) - 1);
  }

  decode(h: Huffman): number {
    let code = 0;
    let first = 0;
    let index = 0;
    for (let len = 1; len <= MAX_BITS; len++) {
      code |= this.bits(1);
      const count = h.counts[len]!;
      if (code - count < first) return h.symbols[index + (code - first)]!;
      index += count;
      first = (first + count) << 1;
      code <<= 1;
    }
    throw malformed('a code that is not in the Huffman table');
  }

  /** Room for `n` more bytes, or the limit error: checked before every write. */
  reserve(n: number): void {
    const need = this.#len + n;
    if (need > this.max) throw new InflateError('limit', `the decompressed data is larger than ${this.max} bytes`);
    if (need > this.#out.length) {
      const grown = new Uint8Array(Math.min(this.max, Math.max(need, this.#out.length * 2)));
      grown.set(this.#out.subarray(0, this.#len));
      this.#out = grown;
    }
  }

  stored(): void {
    this.#bitBuf = 0;
    this.#bitCount = 0; // RFC 1951 §3.2.4: skip to the byte boundary
    if (this.#pos + 4 > this.input.length) throw malformed('the data ends early');
    const len = this.input[this.#pos]! | (this.input[this.#pos + 1]! << 8);
    const nlen = this.input[this.#pos + 2]! | (this.input[this.#pos + 3]! << 8);
    if (len !== (~nlen & 0xffff)) throw malformed('a stored block whose length does not match its complement');
    this.#pos += 4;
    if (this.#pos + len > this.input.length) throw malformed('the data ends early');
    this.reserve(len);
    this.#out.set(this.input.subarray(this.#pos, this.#pos + len), this.#len);
    this.#len += len;
    this.#pos += len;
  }

  codes(lit: Huffman, dist: Huffman): void {
    for (;;) {
      const symbol = this.decode(lit);
      if (symbol < 256) {
        this.reserve(1);
        this.#out[this.#len++] = symbol;
      } else if (symbol === 256) {
        return;
      } else {
        const li = symbol - 257;
        if (li >= 29) throw malformed('an invalid length code');
        const length = LEN_BASE[li]! + this.bits(LEN_EXTRA[li]!);
        const di = this.decode(dist);
        if (di >= 30) throw malformed('an invalid distance code');
        const distance = DIST_BASE[di]! + this.bits(DIST_EXTRA[di]!);
        if (distance > this.#len) throw malformed('a distance back past the start of the data');
        this.reserve(length);
        for (let i = 0; i < length; i++, this.#len++) this.#out[this.#len] = this.#out[this.#len - distance]!;
      }
    }
  }

  dynamic(): void {
    const nlen = this.bits(5) + 257;
    const ndist = this.bits(5) + 1;
    const ncode = this.bits(4) + 4;
    if (nlen > 286 || ndist > 30) throw malformed('too many length or distance codes');
    const clLengths = new Uint8Array(19);
    for (let i = 0; i < ncode; i++) clLengths[CL_ORDER[i]!] = this.bits(3);
    const cl = huffman(clLengths);
    const lengths = new Uint8Array(nlen + ndist);
    for (let i = 0; i < nlen + ndist;) {
      const symbol = this.decode(cl);
      if (symbol < 16) { lengths[i++] = symbol; continue; }
      let value = 0;
      let repeat: number;
      if (symbol === 16) {
        if (i === 0) throw malformed('a repeat with no previous length');
        value = lengths[i - 1]!;
        repeat = 3 + this.bits(2);
      } else {
        repeat = symbol === 17 ? 3 + this.bits(3) : 11 + this.bits(7);
      }
      if (i + repeat > nlen + ndist) throw malformed('code lengths past the end of the table');
      lengths.fill(value, i, i + repeat);
      i += repeat;
    }
    if (lengths[256] === 0) throw malformed('no end-of-block code');
    this.codes(huffman(lengths.subarray(0, nlen)), huffman(lengths.subarray(nlen)));
  }

  run(): Uint8Array {
    let last = 0;
    while (last === 0) {
      last = this.bits(1);
      const type = this.bits(2);
      if (type === 0) this.stored();
      else if (type === 1) this.codes(FIXED.lit, FIXED.dist);
      else if (type === 2) this.dynamic();
      else throw malformed('a block of reserved type 3');
    }
    if (this.#pos !== this.input.length) throw malformed('bytes after the final block');
    return this.#out.slice(0, this.#len);
  }
}

/**
 * Decompress raw DEFLATE `data`, refusing (InflateError 'limit') as soon as the output would pass
 * `maxBytes`, and (InflateError 'malformed') anything that is not one complete DEFLATE stream.
 *
 * @example
 * ```ts
 * const plaintext = inflateRaw(compressed, 256 * 1024);
 * ```
 */
export function inflateRaw(data: Uint8Array, maxBytes: number): Uint8Array {
  return new Decoder(data, maxBytes).run();
}
