/**
 * The Concat KDF of NIST SP 800-56A §5.8.1 as JOSE uses it for ECDH-ES (RFC 7518 §4.6.2), with
 * SHA-256:
 *
 *   K(i) = SHA-256(counter_i || Z || OtherInfo), counter from 1, 32-bit big-endian
 *   OtherInfo = AlgorithmID || PartyUInfo || PartyVInfo || SuppPubInfo
 *
 * where AlgorithmID, PartyUInfo (apu) and PartyVInfo (apv) are each a 32-bit big-endian length
 * followed by the data, and SuppPubInfo is keydatalen in bits, 32-bit big-endian.
 */
import { concat, utf8 } from '../../lib/utf8.js';
import type { JweCrypto } from '../backends/types.js';

function u32(n: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n);
  return out;
}

const lengthPrefixed = (data: Uint8Array): Uint8Array => concat(u32(data.length), data);

/** The OtherInfo input (exported for the known-answer tests). */
export function otherInfo(algorithmId: string, apu: Uint8Array, apv: Uint8Array, keyBytes: number): Uint8Array {
  return concat(lengthPrefixed(utf8(algorithmId)), lengthPrefixed(apu), lengthPrefixed(apv), u32(keyBytes * 8));
}

/**
 * Derive `keyBytes` bytes from the shared secret `z`. `algorithmId` is the `enc` value for direct
 * ECDH-ES and the `alg` value for ECDH-ES+A*KW (RFC 7518 §4.6.2).
 */
export async function concatKdf(crypto: JweCrypto, z: Uint8Array, algorithmId: string, apu: Uint8Array, apv: Uint8Array, keyBytes: number): Promise<Uint8Array> {
  const info = otherInfo(algorithmId, apu, apv, keyBytes);
  const rounds = Math.ceil(keyBytes / 32);
  const out = new Uint8Array(rounds * 32);
  for (let i = 1; i <= rounds; i++) out.set(await crypto.digest('SHA-256', concat(u32(i), z, info)), (i - 1) * 32);
  return out.slice(0, keyBytes);
}
