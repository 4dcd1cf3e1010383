#!/usr/bin/env node
/**
 * Does the security suite bite? For each protection below, copy the core and the test vectors to
 * a scratch directory, break the protection there (never in the tree), run the named test, and
 * report how many of its tests failed. A protection whose test still passes is listed as such.
 *
 *   node test/security/mutations.mjs                 # every mutation (a few minutes)
 *   node test/security/mutations.mjs CVE-2022-36083  # the ones whose test id is given
 *
 * The edits are exact text replacements: when the source changes, the script says that an edit no
 * longer applies instead of silently testing nothing. Results are recorded in SECURITY.md.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CORE = fileURLToPath(new URL('../../', import.meta.url));
const VECTORS = fileURLToPath(new URL('../../../test-vectors/', import.meta.url));
const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
const ADVISORIES = 'test/security/advisories.test.ts';
const LIMITS = 'test/limits/jws.test.ts';

/** [what is broken, test id (vitest -t), test file, [file under src/, exact old text, new text][]] */
const MUTATIONS = [
  ['signature length check skipped; MACs compared over the common prefix (pipeline, node and noble backends)', 'CVE-2020-28042', ADVISORIES, [
    ['jws/signature.ts', ' || check.signature.length !== signatureLength(check.info, key)', ''],
    ['lib/constant-time.ts', 'if (a.length !== b.length) return false;\n  let diff = 0;\n  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;', 'let diff = 0;\n  for (let i = 0; i < Math.min(a.length, b.length); i++) diff |= a[i]! ^ b[i]!;'],
    ['lib/backends/node.ts', 'signature.length === length && node.timingSafeEqual(node.createHmac(hash!, key).update(data).digest(), signature);', 'length > 0 && node.createHmac(hash!, key).update(data).digest().subarray(0, signature.length).equals(signature);'],
    ['lib/backends/noble.ts', 'signature.length === length && timingSafeEqual(mac(data), signature)', 'length > 0 && timingSafeEqual(mac(data).subarray(0, signature.length), signature)'],
  ]],
  ["alg 'none' let through as the first allowed algorithm", 'CVE-2015-9235', ADVISORIES, [
    ['jws/verify.ts', "  if (alg.toLowerCase() === 'none') {\n    throw", "  if (alg.toLowerCase() === 'none') return allowed[0]!;\n  if (false) {\n    throw"],
  ]],
  ['algorithms allow-list made optional (all algorithms when missing)', 'CVE-2020-15084', ADVISORIES, [
    ['jws/options.ts', "  return parseAllowList(value, 'algorithms',", "  if (value === undefined) return JWS_ALGORITHMS;\n  return parseAllowList(value, 'algorithms',"],
  ]],
  ['key-to-algorithm binding dropped (key checks, key-set selection, signature step)', 'CVE-2022-23541', ADVISORIES, [
    ['jwks/select.ts', "export function checkKeyFits(key: Key, header: JoseHeader, use: 'sig' | 'enc'): void {\n", "export function checkKeyFits(key: Key, header: JoseHeader, use: 'sig' | 'enc'): void {\n  if (use === 'sig') return;\n"],
    ['jws/signature.ts', "  return key.use === 'sig' && key.algorithms.includes(alg);", "  return key.use === 'sig' || alg === alg;"],
    ['jwks/key-set.ts', '&& (k.algorithms as readonly string[]).includes(alg) &&', '&&'],
  ]],
  ['importSecret accepts PEM/JWK/DER text as a secret', 'CVE-2023-48223', ADVISORIES, [
    ['jwk/import-secret.ts', 'function refuseKeyText(text: string): void {\n', 'function refuseKeyText(text: string): void {\n  if (text.length >= 0) return;\n'],
  ]],
  ['exp/nbf/iat type check removed', 'CVE-2026-44459', ADVISORIES, [
    ['jwt/claims.ts', "if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value))) {", 'if (value !== undefined && false) {'],
  ]],
  ['unknown crit extensions accepted', 'CVE-2026-35042', ADVISORIES, [
    ['jws/crit.ts', '  if (crit === undefined) return;', '  if (crit !== null) return;'],
  ]],
  ['ECDH-ES epk point validation skipped', 'ECDH-ES-invalid-curve', ADVISORIES, [
    ['jwe/keymgmt/ecdh-es.ts', '    validatePublicPoint(epk, crv);\n', ''],
  ]],
  ['PBES2 p2c cap removed', 'CVE-2022-36083', ADVISORIES, [
    ['jwe/keymgmt/params.ts', '    if (p2c > maxPbes2Count) {', '    if (p2c > maxPbes2Count * 0 + Number.MAX_SAFE_INTEGER) {'],
  ]],
  ['zip no longer refused', 'CVE-2024-28176', ADVISORIES, [
    ['jwe/header.ts', "  if (header['zip'] !== undefined) {", "  if (header['zip'] === 'never') {"],
  ]],
  ['CBC padding failure reported with its own error (padding oracle)', 'CVE-2021-29443', ADVISORIES, [
    ['jwe/content/cbc-hmac.ts', '    return await crypto.aesCbcDecrypt(cek.subarray(half), iv, ciphertext);\n  } catch {\n    throw decryptionFailed();', "    return await crypto.aesCbcDecrypt(cek.subarray(half), iv, ciphertext);\n  } catch {\n    throw new Error('bad padding');"],
  ]],
  ['verified-token cache keyed by the payload segment', 'CVE-2026-35039', ADVISORIES, [
    ['jwt/verified-cache.ts', "const entry = typeof token === 'string' ? cache.get(token, now) : undefined;", "const entry = typeof token === 'string' ? cache.get(token.split('.')[1] ?? token, now) : undefined;"],
    ['jwt/verified-cache.ts', '    cache.set(token, {', "    cache.set(token.split('.')[1] ?? token, {"],
  ]],
  ['cache hits served without re-checking exp', 'GHSA-x937-hj6v-793p', ADVISORIES, [
    ['jwt/verified-cache.ts', '    if (now >= entry.expiresAt) return undefined;\n', ''],
    ['jwt/verified-cache.ts', '    validateClaims(payload, header, claims, now);', '    void validateClaims;'],
  ]],
  ['jku fetched during verification', 'jku-x5u-never-fetched', ADVISORIES, [
    ['jws/verify.ts', '  const checked = hit ?? checkHeader(parts.header, config);\n', "  const checked = hit ?? checkHeader(parts.header, config);\n  if (typeof checked.header.jku === 'string') void (globalThis as { fetch?: (u: string) => Promise<unknown> }).fetch?.(checked.header.jku).catch(() => undefined);\n"],
  ]],
  ['maxTokenLength check removed', 'maxTokenLength', LIMITS, [
    ['jws/parse.ts', '  if (token.length > maxTokenLength) {', '  if (token.length > maxTokenLength * 1000) {'],
  ]],
  ['JSON depth check removed', 'maxJsonDepth', LIMITS, [
    ['lib/json.ts', 'if (!fewBrackets(text, maxDepth) && exceedsDepth(text, maxDepth)) {', 'if (false) {'],
  ]],
];

const only = process.argv.slice(2);
const scratch = mkdtempSync(join(tmpdir(), 'tessera-mutations-'));
const core = join(scratch, 'packages/jwt-core');
try {
  symlinkSync(join(REPO, 'node_modules'), join(scratch, 'node_modules'));
  cpSync(join(REPO, 'tsconfig.base.json'), join(scratch, 'tsconfig.base.json'));
  for (const name of ['src', 'test', 'vitest.config.ts', 'tsconfig.json', 'package.json']) cpSync(join(CORE, name), join(core, name), { recursive: true });
  for (const name of ['src', 'vectors', 'package.json']) cpSync(join(VECTORS, name), join(scratch, 'packages/test-vectors', name), { recursive: true });
  symlinkSync(join(CORE, 'node_modules'), join(core, 'node_modules'));
  symlinkSync(join(VECTORS, 'node_modules'), join(scratch, 'packages/test-vectors/node_modules'));
  const rows = [];
  for (const [what, id, file, edits] of MUTATIONS) {
    if (only.length > 0 && !only.includes(id)) continue;
    rmSync(join(core, 'src'), { recursive: true });
    cpSync(join(CORE, 'src'), join(core, 'src'), { recursive: true });
    const missing = edits.find(([f, old]) => readFileSync(join(core, 'src', f), 'utf8').split(old).length !== 2);
    if (missing !== undefined) {
      rows.push([what, id, `edit no longer applies to src/${missing[0]}: update this script`]);
      continue;
    }
    for (const [f, old, replacement] of edits) {
      const p = join(core, 'src', f);
      writeFileSync(p, readFileSync(p, 'utf8').replace(old, () => replacement));
    }
    const out = join(scratch, 'result.json');
    rmSync(out, { force: true });
    spawnSync('npx', ['vitest', 'run', '--project', 'node', '--testTimeout', '8000', '--reporter', 'json', '--outputFile', out, file, '-t', id], { cwd: core, stdio: 'ignore', timeout: 600_000 });
    if (!existsSync(out)) {
      rows.push([what, id, 'vitest produced no result']);
      continue;
    }
    const tests = JSON.parse(readFileSync(out, 'utf8')).testResults.flatMap((t) => t.assertionResults).filter((t) => t.status === 'passed' || t.status === 'failed');
    const failed = tests.filter((t) => t.status === 'failed').length;
    rows.push([what, id, failed > 0 ? `bites: ${failed} of ${tests.length} tests failed` : `DOES NOT BITE: all ${tests.length} tests passed`]);
  }
  console.log('| protection removed | named test | result |\n| --- | --- | --- |');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  process.exitCode = rows.some((r) => !r[2].startsWith('bites')) ? 1 : 0;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
