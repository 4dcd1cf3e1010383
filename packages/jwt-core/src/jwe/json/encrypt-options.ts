/**
 * Validating encryptJweJson's options and recipients up front (ERR_JOSE_INVALID_OPTION /
 * ERR_JWK_INVALID at the call): headers that would overlap (RFC 7516 §7.2.1), parameters the
 * algorithms set, `crit` outside the protected header, `dir` / `ECDH-ES` among several recipients.
 */
import { invalidOption } from '../../lib/errors.js';
import type { Key } from '../../jwk/key.js';
import { algorithmInfo, type JweContentAlgorithm, type JweKeyAlgorithm } from '../../lib/algorithms.js';
import type { BackendName } from '../../lib/backends/types.js';
import { describeValue } from '../../lib/describe.js';
import { checkOptionNames, optionsObject, parseBackend } from '../../lib/options.js';
import { utf8 } from '../../lib/utf8.js';
import { checkJweCrit } from '../crit.js';
import { bytesOption, checkKey, p2cOption, RESERVED, zipOption } from '../encrypt.js';
import { hasEmptyEncryptedKey } from '../keymgmt/index.js';
import { parseContentAlgorithm, parseKeyAlgorithm } from '../options.js';

const OPTION_NAMES = ['enc', 'protectedHeader', 'unprotectedHeader', 'aad', 'zip', 'serialization', 'backend'] as const;
const RECIPIENT_NAMES = ['key', 'alg', 'header', 'p2c', 'apu', 'apv'] as const;
const EXAMPLE = "encryptJweJson(plaintext, [{ key: publicKey, alg: 'RSA-OAEP-256' }], { enc: 'A256GCM' })";

export interface RecipientConfig {
  readonly key: Key;
  readonly alg: JweKeyAlgorithm;
  readonly header: Record<string, unknown> | undefined;
  readonly p2c: number;
  readonly apu: Uint8Array | undefined;
  readonly apv: Uint8Array | undefined;
}

export interface JsonEncryptConfig {
  readonly enc: JweContentAlgorithm;
  readonly protectedHeader: Record<string, unknown> | undefined;
  readonly sharedHeader: Record<string, unknown> | undefined;
  readonly aad: Uint8Array | undefined;
  readonly zip: 'DEF' | undefined;
  readonly flattened: boolean;
  readonly backend: BackendName | undefined;
  readonly recipients: readonly RecipientConfig[];
}

/** A header option: an object without the parameters the algorithms set; `crit` only if protected. */
function headerOption(value: unknown, name: string, isProtected: boolean): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidOption(`${name} must be an object of header parameters, got ${describeValue(value)}`, "e.g. { typ: 'JWT' }");
  for (const n of [...RESERVED, ...(isProtected ? [] : ['crit'])]) {
    if (Object.hasOwn(value, n)) {
      throw invalidOption(`${name} may not set "${n}"`, n === 'zip' ? "compression is the zip option: { zip: 'DEF' }"
        : n === 'crit' ? 'RFC 7516 §4.1.13: crit must be integrity protected; put it in protectedHeader'
          : `"${n}" is set by encryptJweJson from its options`);
    }
  }
  const crit = (value as Record<string, unknown>)['crit'];
  if (crit !== undefined) checkJweCrit(value as Record<string, unknown>, new Set(Array.isArray(crit) ? crit.filter((c): c is string => typeof c === 'string') : []));
  return value as Record<string, unknown>;
}

function recipientOption(value: unknown, index: number, several: boolean): RecipientConfig {
  const r = optionsObject(value, `encryptJweJson recipient #${index + 1}`, "{ key: publicKey, alg: 'RSA-OAEP-256' }");
  checkOptionNames(r, RECIPIENT_NAMES, `encryptJweJson recipient #${index + 1}`);
  const alg = parseKeyAlgorithm(r['alg'], `recipients[${index}].alg`);
  checkKey(r['key'] as Key, alg);
  if (several && hasEmptyEncryptedKey(alg)) {
    throw invalidOption(`${alg} cannot be used with several recipients: its key agreement is the content key itself`, 'use a wrapping algorithm for every recipient (e.g. ECDH-ES+A256KW, RSA-OAEP-256, A256KW), or encrypt once per recipient');
  }
  const apu = bytesOption(r['apu'], 'apu');
  const apv = bytesOption(r['apv'], 'apv');
  if ((apu !== undefined || apv !== undefined) && algorithmInfo(alg)!.family !== 'ECDH-ES') throw invalidOption(`apu/apv are only used with ECDH-ES algorithms, not ${alg}`, 'remove apu and apv, or use an ECDH-ES key-management algorithm');
  return { key: r['key'] as Key, alg, header: headerOption(r['header'], `recipients[${index}].header`, false), p2c: p2cOption(r['p2c']), apu, apv };
}

export function parseJsonEncryptOptions(recipients: unknown, options: unknown): JsonEncryptConfig {
  const o = optionsObject(options, 'encryptJweJson', EXAMPLE);
  checkOptionNames(o, OPTION_NAMES, 'encryptJweJson');
  const serialization = o['serialization'] ?? 'general';
  if (serialization !== 'general' && serialization !== 'flattened') throw invalidOption(`serialization must be 'general' or 'flattened', got ${describeValue(serialization)}`, "RFC 7516 §7.2: 'flattened' has exactly one recipient");
  if (!Array.isArray(recipients) || recipients.length === 0) throw invalidOption(`recipients must be a non-empty array, got ${describeValue(recipients)}`, `e.g. ${EXAMPLE}`);
  if (serialization === 'flattened' && recipients.length !== 1) throw invalidOption(`the flattened serialization has exactly one recipient, not ${recipients.length}`, "use serialization: 'general' for several recipients");
  const aad = o['aad'];
  if (aad !== undefined && typeof aad !== 'string' && !(aad instanceof Uint8Array)) throw invalidOption(`aad must be a string or a Uint8Array, got ${describeValue(aad)}`, "e.g. { aad: 'order-1234' }");
  return {
    enc: parseContentAlgorithm(o['enc']),
    protectedHeader: headerOption(o['protectedHeader'], 'protectedHeader', true),
    sharedHeader: headerOption(o['unprotectedHeader'], 'unprotectedHeader', false),
    aad: typeof aad === 'string' ? utf8(aad) : aad,
    zip: zipOption(o['zip']),
    flattened: serialization === 'flattened',
    backend: parseBackend(o['backend']),
    recipients: recipients.map((r, i) => recipientOption(r, i, recipients.length > 1)),
  };
}
