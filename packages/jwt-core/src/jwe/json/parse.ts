/**
 * Parsing the JWE JSON serializations (RFC 7516 §7.2): general (`recipients`) and flattened
 * (§7.2.2: `header` and `encrypted_key` at the top level). Bounds first: the text length
 * (maxTokenLength), then the number of recipients (maxRecipients), before any member is decoded.
 * Members are strict base64url strings or JSON objects; unknown members are ignored (§7.2.1).
 */
import { joseError } from '../../lib/errors.js';
import { decodeBase64url } from '../../lib/base64url.js';
import { describeValue } from '../../lib/describe.js';
import { decodeJsonObject, parseJsonObject } from '../../lib/json.js';
import { invalidJwe } from '../errors.js';
import type { ParseLimits } from '../parse.js';

export interface ParsedRecipient {
  /** The per-recipient unprotected header (`header`), or undefined. */
  readonly header: Readonly<Record<string, unknown>> | undefined;
  readonly encryptedKey: Uint8Array;
}

export interface ParsedJsonJwe {
  /** The decoded protected header, or undefined when the member is absent. */
  readonly protectedHeader: Readonly<Record<string, unknown>> | undefined;
  /** `protected` as received ('' when absent): ASCII of it starts the AAD (§5.1 step 14). */
  readonly protectedB64u: string;
  readonly sharedHeader: Readonly<Record<string, unknown>> | undefined;
  readonly recipients: readonly ParsedRecipient[];
  /** `aad` as received, and decoded; undefined when absent. */
  readonly aadB64u: string | undefined;
  readonly aad: Uint8Array | undefined;
  readonly iv: Uint8Array;
  readonly ciphertext: Uint8Array;
  readonly tag: Uint8Array;
  /** Which serialization the input used. */
  readonly flattened: boolean;
}

export interface JsonParseLimits extends ParseLimits {
  readonly maxRecipients: number;
}

const HINT = 'RFC 7516 §7.2: { protected, unprotected, recipients: [{ header, encrypted_key }], aad, iv, ciphertext, tag }';

/** The input as a JSON object: text is bounded and parsed; an object is re-serialized so the same bounds apply. */
function asObject(input: unknown, limits: ParseLimits): Record<string, unknown> {
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
    try {
      text = JSON.stringify(input);
    } catch {
      throw invalidJwe('the JWE JSON object cannot be serialized (a cycle or a BigInt)', 'pass the object JSON.parse made of the JWE text', 'type');
    }
  } else {
    throw invalidJwe(`a JWE in the JSON serialization is an object or its JSON text, got ${describeValue(input)}`, 'a compact JWE (five dot-separated segments) goes to decryptJwe', 'type');
  }
  if (text.length > limits.maxTokenLength) {
    throw joseError('ERR_JWE_INVALID', `the JWE JSON is ${text.length} characters, more than maxTokenLength (${limits.maxTokenLength})`, {
      reason: 'length', limit: `maxTokenLength=${limits.maxTokenLength}`, hint: 'raise maxTokenLength if you really exchange JWEs this large',
    });
  }
  if (typeof input === 'string' && !text.trimStart().startsWith('{')) {
    throw invalidJwe('the JWE JSON text is not a JSON object', 'a compact JWE (five dot-separated segments) goes to decryptJwe', 'json');
  }
  return parseJsonObject(text, 'JWE JSON serialization', 'ERR_JWE_INVALID', limits.maxJsonDepth);
}

function optionalString(o: Record<string, unknown>, name: string): string | undefined {
  const v = o[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw invalidJwe(`the JWE member "${name}" must be a base64url string, got ${describeValue(v)}`, HINT, name);
  return v;
}

function optionalObject(o: Record<string, unknown>, name: string): Record<string, unknown> | undefined {
  const v = o[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw invalidJwe(`the JWE member "${name}" must be a JSON object, got ${describeValue(v)}`, HINT, name);
  return v as Record<string, unknown>;
}

function bytes(value: string | undefined, name: string, required: boolean): Uint8Array {
  if (value === undefined) {
    if (required) throw invalidJwe(`the JWE has no "${name}" member`, HINT, name);
    return new Uint8Array(0);
  }
  return decodeBase64url(value, `the JWE member "${name}"`, 'ERR_JWE_INVALID');
}

function recipientsOf(o: Record<string, unknown>, max: number): Array<Record<string, unknown>> {
  const list = o['recipients'];
  if (list === undefined) {
    return [{ header: o['header'], encrypted_key: o['encrypted_key'] }];
  }
  if (o['header'] !== undefined || o['encrypted_key'] !== undefined) {
    throw invalidJwe('the JWE mixes the general serialization ("recipients") with flattened members ("header", "encrypted_key")', 'RFC 7516 §7.2.2: per-recipient members go inside "recipients" or, flattened, at the top level', 'recipients');
  }
  if (!Array.isArray(list) || list.length === 0) throw invalidJwe('the JWE member "recipients" must be a non-empty array', HINT, 'recipients');
  if (list.length > max) {
    throw joseError('ERR_JWE_INVALID', `the JWE has ${list.length} recipients, more than maxRecipients (${max})`, {
      reason: 'recipients', limit: `maxRecipients=${max}`, hint: 'each recipient costs a key selection and maybe a decryption; raise maxRecipients only if your senders really address that many',
    });
  }
  return list.map((r: unknown, i) => {
    if (typeof r !== 'object' || r === null || Array.isArray(r)) throw invalidJwe(`recipient #${i + 1} of the JWE must be an object, got ${describeValue(r)}`, HINT, 'recipients');
    return r as Record<string, unknown>;
  });
}

/** Parse a flattened or general JWE JSON serialization (an object or its text). */
export function parseJsonJwe(input: unknown, limits: JsonParseLimits): ParsedJsonJwe {
  const o = asObject(input, limits);
  const recipients = recipientsOf(o, limits.maxRecipients).map((r): ParsedRecipient => ({
    header: optionalObject(r, 'header'),
    encryptedKey: bytes(optionalString(r, 'encrypted_key'), 'encrypted_key', false),
  }));
  const protectedB64u = optionalString(o, 'protected') ?? '';
  if (Math.floor((protectedB64u.length * 3) / 4) > limits.maxHeaderBytes) {
    throw joseError('ERR_JWE_INVALID', `the JWE protected header is larger than maxHeaderBytes (${limits.maxHeaderBytes})`, {
      reason: 'header-size', limit: `maxHeaderBytes=${limits.maxHeaderBytes}`, hint: 'headers are small; a large one is malformed or hostile',
    });
  }
  const protectedHeader = protectedB64u === ''
    ? undefined
    : decodeJsonObject(bytes(protectedB64u, 'protected', true), 'JWE protected header', 'ERR_JWE_INVALID', limits.maxJsonDepth);
  const aadB64u = optionalString(o, 'aad');
  return {
    protectedHeader, protectedB64u, recipients, aadB64u,
    sharedHeader: optionalObject(o, 'unprotected'),
    aad: aadB64u === undefined ? undefined : bytes(aadB64u, 'aad', true),
    iv: bytes(optionalString(o, 'iv'), 'iv', true),
    ciphertext: bytes(optionalString(o, 'ciphertext'), 'ciphertext', true),
    tag: bytes(optionalString(o, 'tag'), 'tag', true),
    flattened: o['recipients'] === undefined,
  };
}
