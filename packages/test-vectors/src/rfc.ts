/**
 * Turns the RFC vector files (format `jose-vectors/1`, see vectors/README.md) into normalized
 * cases. Pure: takes the parsed files, so it also runs where there is no file system.
 *
 * The core is compact-serialization only. RFC 7520 4.5-4.8 use detached content and the JSON
 * serializations; where a compact form can be built from their parts, it is tested (and listed
 * as a derived case); the rest is reported by {@link rfcSkipped}.
 */
import { publicMembers, verificationJwk, withAlg } from './jwk.js';
import type { JwkCase, SignCase, SkippedCase, ThumbprintCase, VectorJwk, VerifyCase } from './types.js';

/** Parsed vector files keyed by their path under `vectors/` (e.g. `rfc7515.json`, `rfc7520-cookbook/4_1.rsa_v15_signature.json`). */
export type RawFiles = Record<string, unknown>;

interface RawCase {
  id: string;
  section: string;
  description: string;
  kind: string;
  alg?: string | string[];
  expect: 'valid' | 'invalid';
  input: Record<string, any>;
  intermediate?: Record<string, any>;
  expected?: Record<string, any>;
  deterministic?: boolean;
}

interface RawFile {
  source: { document: string };
  cases: RawCase[];
}

function file(raw: RawFiles, name: string): RawFile {
  const f = raw[name] as RawFile | undefined;
  if (f === undefined || !Array.isArray(f.cases)) throw new Error(`vector file ${name} is missing or malformed`);
  return f;
}

function cookbook(raw: RawFiles, section: string): RawCase {
  const name = Object.keys(raw).find((k) => k.startsWith(`rfc7520-cookbook/${section.replace('.', '_')}.`));
  if (name === undefined) throw new Error(`RFC 7520 cookbook file for ${section} is missing`);
  return file(raw, name).cases[0]!;
}

const src = (doc: string, c: RawCase, extra = ''): string => `${doc} ${c.section}${extra}`;
const b64uText = (text: string): string => {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

function jws(id: string, source: string, description: string, alg: string, token: string, key: VectorJwk, payloadText: string): VerifyCase {
  return {
    id, source, description, kind: 'jws', alg, token,
    keys: { keys: [verificationJwk(key, alg)] }, keyMode: 'single', options: { algorithms: [alg] },
    expect: { ok: true, payloadText },
  };
}

/** Verification cases from RFC 7515, 7519, 7520 (compact forms) and 8037. */
export function rfcVerifyCases(raw: RawFiles): VerifyCase[] {
  const out: VerifyCase[] = [];
  const r7515 = file(raw, 'rfc7515.json').cases;
  const hsKey = r7515.find((c) => c.id === 'rfc7515-A.1')!.input.key as VectorJwk;
  for (const c of r7515) {
    if (c.expect === 'valid') {
      out.push(jws(c.id, src('RFC 7515', c), c.description, c.alg as string, c.expected!.compact, c.input.key, c.input.payload));
    } else {
      out.push({
        id: c.id, source: src('RFC 7515', c, ' (verified with the A.1 HS256 key and allow-list)'), description: c.description,
        kind: 'jws', alg: 'none', token: c.expected!.compact, keys: { keys: [verificationJwk(hsKey, 'HS256')] }, keyMode: 'single',
        options: { algorithms: ['HS256'] }, expect: { ok: false, code: 'ERR_JOSE_ALG_NOT_ALLOWED' },
      });
    }
  }

  for (const c of file(raw, 'rfc7519.json').cases) {
    const key = verificationJwk((c.input.key ?? hsKey) as VectorJwk, 'HS256');
    const base = { source: src('RFC 7519', c), description: c.description, kind: 'jwt' as const, token: c.input.jwt as string, keys: { keys: [key] }, keyMode: 'single' as const };
    if (c.id === 'rfc7519-3.1') {
      out.push({ ...base, id: c.id, alg: 'HS256', options: { algorithms: ['HS256'], currentDate: c.input.validation.current_time }, expect: { ok: true, payload: c.expected!.claims } });
    } else if (c.id === 'rfc7519-3.1-expired') {
      const now = c.input.validation.current_time as number;
      // "MUST be before" exp: at exactly exp the token is expired, which only shows with no tolerance.
      out.push({ ...base, id: c.id, alg: 'HS256', options: { algorithms: ['HS256'], currentDate: now, clockTolerance: 0 }, expect: { ok: false, code: 'ERR_JWT_EXPIRED', claim: 'exp' } });
      out.push({
        ...base, id: `${c.id}-default-tolerance`, source: `${base.source}; derived: validated 1 h after exp with the default clock tolerance`,
        alg: 'HS256', options: { algorithms: ['HS256'], currentDate: now + 3600 }, expect: { ok: false, code: 'ERR_JWT_EXPIRED', claim: 'exp' },
      });
    } else {
      out.push({ ...base, id: c.id, alg: 'none', source: `${base.source} (verified with the RFC 7515 A.1 key, allow-list [HS256])`, options: { algorithms: ['HS256'] }, expect: { ok: false, code: 'ERR_JOSE_ALG_NOT_ALLOWED' } });
    }
  }

  for (const section of ['4.1', '4.2', '4.3', '4.4']) {
    const c = cookbook(raw, section);
    out.push(jws(c.id, src('RFC 7520', c), c.description, c.alg as string, c.expected!.compact, c.input.key, c.input.payload));
  }
  out.push(...cookbookCompactParts(raw));

  for (const c of file(raw, 'rfc8037.json').cases) {
    if (c.kind !== 'jws') continue;
    const token = (c.expected?.compact ?? c.input.compact) as string;
    const payload = (c.input.payload ?? c.expected!.payload) as string;
    out.push(jws(c.id, src('RFC 8037', c), c.description, 'EdDSA', token, c.input.key, payload));
  }
  return out;
}

/** Compact forms that can be assembled from RFC 7520 4.5-4.8 (detached content, JSON serializations). */
function cookbookCompactParts(raw: RawFiles): VerifyCase[] {
  const out: VerifyCase[] = [];
  const c45 = cookbook(raw, '4.5');
  const payloadB64 = b64uText(c45.input.payload);
  const [h45, , s45] = (c45.expected!.compact as string).split('.');
  out.push(jws(`${c45.id}-reattached`, src('RFC 7520', c45, '; derived: the detached payload put back into the compact form'),
    'detached-content JWS with its payload reattached', 'HS256', `${h45}.${payloadB64}.${s45}`, c45.input.key, c45.input.payload));
  out.push({
    ...jws(`${c45.id}-detached`, src('RFC 7520', c45, '; derived: verified without supplying the detached payload'),
      'detached-content JWS verified as is: the empty payload does not match the signature', 'HS256', c45.expected!.compact, c45.input.key, ''),
    expect: { ok: false, code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' },
  });

  const c46 = cookbook(raw, '4.6');
  const j46 = c46.expected!.json_flat;
  out.push(jws(`${c46.id}-compact`, src('RFC 7520', c46, '; derived: protected header, payload and signature in compact form (the unprotected kid is not signed, so dropping it keeps the signature valid)'),
    'flattened JWS with an unprotected header, as compact', 'HS256', `${j46.protected}.${j46.payload}.${j46.signature}`, c46.input.key, c46.input.payload));

  const c47 = cookbook(raw, '4.7');
  const j47 = c47.expected!.json_flat;
  out.push({
    ...jws(`${c47.id}-compact`, src('RFC 7520', c47, '; derived: no protected header, so the compact form has an empty header segment'),
      'JWS with only an unprotected header cannot be compact: the empty header is not a JSON object', 'HS256', `.${j47.payload}.${j47.signature}`, c47.input.key, ''),
    expect: { ok: false, code: 'ERR_JWS_INVALID' },
  });

  const c48 = cookbook(raw, '4.8');
  const j48 = c48.expected!.json;
  const keys48 = c48.input.key as VectorJwk[];
  const algs48 = c48.alg as string[];
  (j48.signatures as Array<{ protected?: string; signature: string }>).forEach((sig, i) => {
    const id = `${c48.id}-signature-${i + 1}-compact`;
    const source = src('RFC 7520', c48, `; derived: signature ${i + 1} of the general JSON serialization in compact form`);
    if (sig.protected !== undefined) {
      out.push(jws(id, source, `multi-signature JWS, signature ${i + 1} (${algs48[i]}) as compact`, algs48[i]!, `${sig.protected}.${j48.payload}.${sig.signature}`, keys48[i]!, c48.input.payload));
    } else {
      out.push({
        ...jws(id, source, `multi-signature JWS, signature ${i + 1} (${algs48[i]}) has no protected header: not representable as compact`, algs48[i]!, `.${j48.payload}.${sig.signature}`, keys48[i]!, ''),
        expect: { ok: false, code: 'ERR_JWS_INVALID' },
      });
    }
  });
  return out;
}

/** Deterministic signatures that signing must reproduce exactly (HMAC, RSASSA-PKCS1-v1_5, EdDSA). */
export function rfcSignCases(raw: RawFiles): SignCase[] {
  const out: SignCase[] = [];
  const push = (doc: string, c: RawCase, header: Record<string, unknown>, key: VectorJwk, payloadText: string, expectedCompact: string) =>
    out.push({ id: c.id, source: src(doc, c), alg: c.alg as string, key: withAlg(key, c.alg as string), payloadText, header, expectedCompact });
  const a2 = file(raw, 'rfc7515.json').cases.find((c) => c.id === 'rfc7515-A.2')!;
  push('RFC 7515', a2, {}, a2.input.key, a2.input.payload, a2.expected!.compact);
  const a4 = file(raw, 'rfc8037.json').cases.find((c) => c.id === 'rfc8037-A.4')!;
  push('RFC 8037', a4, {}, a4.input.key, a4.input.payload, a4.expected!.compact);
  for (const section of ['4.1', '4.4']) {
    const c = cookbook(raw, section);
    push('RFC 7520', c, { kid: c.input.key.kid }, c.input.key, c.input.payload, c.expected!.compact);
  }
  return out;
}

/** JWKs that must import (RFC 7520 §3.1-3.5, RFC 8037 A.1, A.2). */
export function rfcJwkCases(raw: RawFiles): JwkCase[] {
  const out: JwkCase[] = [];
  for (const section of ['3.1', '3.2', '3.3', '3.4', '3.5']) {
    const c = cookbook(raw, section);
    out.push({ id: c.id, source: src('RFC 7520', c), jwk: c.input.key, publicJwk: publicMembers(c.input.key) });
  }
  for (const c of file(raw, 'rfc8037.json').cases) {
    if (c.kind !== 'jwk') continue;
    out.push({ id: c.id, source: src('RFC 8037', c), jwk: { ...c.input.key, alg: 'EdDSA' }, publicJwk: (c.expected?.public_key as VectorJwk | undefined) ?? publicMembers(c.input.key) });
  }
  return out;
}

/** RFC 7638 thumbprints (RFC 7638 §3.1, RFC 8037 A.3). */
export function rfcThumbprintCases(raw: RawFiles): ThumbprintCase[] {
  const out: ThumbprintCase[] = [];
  for (const [name, doc] of [['rfc7638.json', 'RFC 7638'], ['rfc8037.json', 'RFC 8037']] as const) {
    for (const c of file(raw, name).cases) {
      if (c.kind === 'jwk-thumbprint') out.push({ id: c.id, source: src(doc, c), jwk: c.input.key, thumbprint: c.expected!.thumbprint_b64u });
    }
  }
  return out;
}

/** Source cases the core suite does not run, with the reason. */
export function rfcSkipped(): SkippedCase[] {
  const compactOnly = 'the core implements the JWS Compact Serialization only (RFC 7515 §7.1); the compact parts are tested as derived cases';
  return [
    { id: 'rfc7515-A.1 (signing)', reason: 'its protected header contains CRLF and a space; signing builds its own header, so only verification of A.1 is tested' },
    { id: 'rfc7520-4.5', reason: `detached content (RFC 7515 Appendix F); ${compactOnly}` },
    { id: 'rfc7520-4.6', reason: `unprotected header (JSON serialization); ${compactOnly}` },
    { id: 'rfc7520-4.7', reason: `no protected header (JSON serialization only); ${compactOnly}` },
    { id: 'rfc7520-4.8', reason: `multiple signatures (general JSON serialization); ${compactOnly}` },
    { id: 'rfc7520-3.6', reason: 'a content-encryption key (A256GCM); JWE is not part of this suite' },
    { id: 'rfc7516-*, rfc7518-B.*, rfc7520-5.*, rfc7520-6, rfc8037-A.6, rfc8037-A.7', reason: 'JWE and key agreement: not part of the JWS/JWT core suite' },
  ];
}
