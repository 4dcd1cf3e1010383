/**
 * The JOSE data shapes every layer shares: the protected header (RFC 7515 §4) and JSON Web Keys
 * (RFC 7517 §4, RFC 7518 §6, RFC 8037 §2). Plain data, no behaviour: they live at the bottom so
 * that the crypto backends and the key, JWS and JWE layers can all name them.
 */

/** A JOSE protected header (RFC 7515 §4). */
export interface JoseHeader {
  alg?: string;
  kid?: string;
  typ?: string;
  cty?: string;
  crit?: string[];
  [parameter: string]: unknown;
}

/** A JSON Web Key as it travels in JSON. Private members are present only in private JWKs. */
export interface Jwk {
  kty: string;
  use?: string;
  key_ops?: string[];
  alg?: string;
  kid?: string;
  x5c?: string[];
  x5t?: string;
  'x5t#S256'?: string;
  x5u?: string;
  // RSA
  n?: string; e?: string; d?: string; p?: string; q?: string; dp?: string; dq?: string; qi?: string;
  oth?: unknown;
  // EC / OKP
  crv?: string; x?: string; y?: string;
  // oct
  k?: string;
  [member: string]: unknown;
}

/** A JWK Set (RFC 7517 §5). */
export interface JwkSet {
  keys: Jwk[];
}
