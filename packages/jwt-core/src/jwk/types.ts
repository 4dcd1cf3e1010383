/** JSON Web Key shapes (RFC 7517 §4, RFC 7518 §6, RFC 8037 §2). */

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
