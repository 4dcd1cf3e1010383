/**
 * The algorithm table: which key type, curve and hash each JOSE algorithm uses (RFC 7518 §3, §4,
 * §5; RFC 8037 §3.1). A key is bound to one family: an RSA or EC key can never act as an HMAC
 * secret, and a key for key management is never used for signing (and vice versa).
 */

/** JWS algorithms Tessera signs and verifies. `none` is deliberately absent (RFC 7518 §3.6). */
export const JWS_ALGORITHMS = [
  'HS256', 'HS384', 'HS512',
  'RS256', 'RS384', 'RS512',
  'PS256', 'PS384', 'PS512',
  'ES256', 'ES384', 'ES512',
  'EdDSA',
] as const;
export type JwsAlgorithm = (typeof JWS_ALGORITHMS)[number];

/** JWE key-management algorithms (RFC 7518 §4). `RSA1_5` is only reachable through an explicit opt-in. */
export const JWE_KEY_ALGORITHMS = [
  'RSA-OAEP', 'RSA-OAEP-256', 'RSA-OAEP-384', 'RSA-OAEP-512',
  'A128KW', 'A192KW', 'A256KW',
  'dir',
  'ECDH-ES', 'ECDH-ES+A128KW', 'ECDH-ES+A192KW', 'ECDH-ES+A256KW',
  'A128GCMKW', 'A192GCMKW', 'A256GCMKW',
  'PBES2-HS256+A128KW', 'PBES2-HS384+A192KW', 'PBES2-HS512+A256KW',
  'RSA1_5',
] as const;
export type JweKeyAlgorithm = (typeof JWE_KEY_ALGORITHMS)[number];

/** JWE content-encryption algorithms (RFC 7518 §5). */
export const JWE_CONTENT_ALGORITHMS = [
  'A128CBC-HS256', 'A192CBC-HS384', 'A256CBC-HS512', 'A128GCM', 'A192GCM', 'A256GCM',
] as const;
export type JweContentAlgorithm = (typeof JWE_CONTENT_ALGORITHMS)[number];

export type Algorithm = JwsAlgorithm | JweKeyAlgorithm;
export type KeyTypeName = 'oct' | 'RSA' | 'EC' | 'OKP';
export type HashName = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';
export type Family = 'HMAC' | 'RSA-PKCS1' | 'RSA-PSS' | 'ECDSA' | 'EdDSA' | 'RSA-OAEP' | 'RSA1_5'
  | 'AES-KW' | 'AES-GCMKW' | 'DIR' | 'ECDH-ES' | 'PBES2';

export interface AlgorithmInfo {
  readonly alg: Algorithm;
  readonly use: 'sig' | 'enc';
  readonly family: Family;
  readonly kty: KeyTypeName;
  /** Curves allowed for EC/OKP algorithms. */
  readonly curves?: readonly string[];
  readonly hash?: HashName;
  /** HMAC: minimum secret bytes (the hash output, RFC 7518 §3.2). AES-KW/GCMKW: exact key bytes. */
  readonly keyBytes?: number;
  /** Fixed signature length in bytes (HMAC output, P1363 r||s, Ed25519); RSA depends on the modulus. */
  readonly signatureBytes?: number;
}

const info = (x: AlgorithmInfo): [Algorithm, AlgorithmInfo] => [x.alg, Object.freeze(x)];

const TABLE: ReadonlyMap<string, AlgorithmInfo> = new Map<string, AlgorithmInfo>([
  info({ alg: 'HS256', use: 'sig', family: 'HMAC', kty: 'oct', hash: 'SHA-256', keyBytes: 32, signatureBytes: 32 }),
  info({ alg: 'HS384', use: 'sig', family: 'HMAC', kty: 'oct', hash: 'SHA-384', keyBytes: 48, signatureBytes: 48 }),
  info({ alg: 'HS512', use: 'sig', family: 'HMAC', kty: 'oct', hash: 'SHA-512', keyBytes: 64, signatureBytes: 64 }),
  info({ alg: 'RS256', use: 'sig', family: 'RSA-PKCS1', kty: 'RSA', hash: 'SHA-256' }),
  info({ alg: 'RS384', use: 'sig', family: 'RSA-PKCS1', kty: 'RSA', hash: 'SHA-384' }),
  info({ alg: 'RS512', use: 'sig', family: 'RSA-PKCS1', kty: 'RSA', hash: 'SHA-512' }),
  info({ alg: 'PS256', use: 'sig', family: 'RSA-PSS', kty: 'RSA', hash: 'SHA-256' }),
  info({ alg: 'PS384', use: 'sig', family: 'RSA-PSS', kty: 'RSA', hash: 'SHA-384' }),
  info({ alg: 'PS512', use: 'sig', family: 'RSA-PSS', kty: 'RSA', hash: 'SHA-512' }),
  info({ alg: 'ES256', use: 'sig', family: 'ECDSA', kty: 'EC', curves: ['P-256'], hash: 'SHA-256', signatureBytes: 64 }),
  info({ alg: 'ES384', use: 'sig', family: 'ECDSA', kty: 'EC', curves: ['P-384'], hash: 'SHA-384', signatureBytes: 96 }),
  info({ alg: 'ES512', use: 'sig', family: 'ECDSA', kty: 'EC', curves: ['P-521'], hash: 'SHA-512', signatureBytes: 132 }),
  info({ alg: 'EdDSA', use: 'sig', family: 'EdDSA', kty: 'OKP', curves: ['Ed25519'], signatureBytes: 64 }),
  info({ alg: 'RSA-OAEP', use: 'enc', family: 'RSA-OAEP', kty: 'RSA', hash: 'SHA-1' }),
  info({ alg: 'RSA-OAEP-256', use: 'enc', family: 'RSA-OAEP', kty: 'RSA', hash: 'SHA-256' }),
  info({ alg: 'RSA-OAEP-384', use: 'enc', family: 'RSA-OAEP', kty: 'RSA', hash: 'SHA-384' }),
  info({ alg: 'RSA-OAEP-512', use: 'enc', family: 'RSA-OAEP', kty: 'RSA', hash: 'SHA-512' }),
  info({ alg: 'RSA1_5', use: 'enc', family: 'RSA1_5', kty: 'RSA' }),
  info({ alg: 'A128KW', use: 'enc', family: 'AES-KW', kty: 'oct', keyBytes: 16 }),
  info({ alg: 'A192KW', use: 'enc', family: 'AES-KW', kty: 'oct', keyBytes: 24 }),
  info({ alg: 'A256KW', use: 'enc', family: 'AES-KW', kty: 'oct', keyBytes: 32 }),
  info({ alg: 'A128GCMKW', use: 'enc', family: 'AES-GCMKW', kty: 'oct', keyBytes: 16 }),
  info({ alg: 'A192GCMKW', use: 'enc', family: 'AES-GCMKW', kty: 'oct', keyBytes: 24 }),
  info({ alg: 'A256GCMKW', use: 'enc', family: 'AES-GCMKW', kty: 'oct', keyBytes: 32 }),
  info({ alg: 'dir', use: 'enc', family: 'DIR', kty: 'oct' }),
  ...(['ECDH-ES', 'ECDH-ES+A128KW', 'ECDH-ES+A192KW', 'ECDH-ES+A256KW'] as const).flatMap((alg) => [
    info({ alg, use: 'enc', family: 'ECDH-ES', kty: 'EC', curves: ['P-256', 'P-384', 'P-521', 'X25519'] }),
  ]),
  info({ alg: 'PBES2-HS256+A128KW', use: 'enc', family: 'PBES2', kty: 'oct', hash: 'SHA-256', keyBytes: 16 }),
  info({ alg: 'PBES2-HS384+A192KW', use: 'enc', family: 'PBES2', kty: 'oct', hash: 'SHA-384', keyBytes: 24 }),
  info({ alg: 'PBES2-HS512+A256KW', use: 'enc', family: 'PBES2', kty: 'oct', hash: 'SHA-512', keyBytes: 32 }),
]);

/** The table entry for `alg`, or undefined for anything Tessera does not implement (including `none`). */
export function algorithmInfo(alg: unknown): AlgorithmInfo | undefined {
  return typeof alg === 'string' ? TABLE.get(alg) : undefined;
}

/** Every algorithm of the table, in table order. */
export function allAlgorithms(): AlgorithmInfo[] {
  return [...TABLE.values()];
}

/** Whether `alg` is a JWS algorithm Tessera implements. */
export function isJwsAlgorithm(alg: unknown): alg is JwsAlgorithm {
  return algorithmInfo(alg)?.use === 'sig';
}

/**
 * The key type an algorithm needs, taking ECDH-ES's two key types into account: ECDH-ES works
 * with EC keys (P-256/384/521) and OKP keys (X25519, RFC 8037 §3.2).
 */
export function keyTypeFits(info: AlgorithmInfo, kty: string, crv: string | undefined): boolean {
  if (info.family === 'ECDH-ES') {
    return (kty === 'EC' && (crv === 'P-256' || crv === 'P-384' || crv === 'P-521')) || (kty === 'OKP' && crv === 'X25519');
  }
  if (info.kty !== kty) return false;
  return info.curves === undefined || (crv !== undefined && info.curves.includes(crv));
}
