#!/usr/bin/env node
// Generates vectors/negative/jwt.json: Tessera's own negative (and positive-control) JWT vectors.
//
//   node scripts/generate-negative.mjs          write the file
//   node scripts/generate-negative.mjs --check  exit 1 if the file differs from what would be written
//
// Reproducible: keys are derived from labels (RSA keys and randomized ECDSA/PSS signatures are
// read back from the existing file; see negative/keys.mjs and negative/sign.mjs), the clock is fixed.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { makeKeys } from './negative/keys.mjs';
import { Signer } from './negative/sign.mjs';
import { makeContext, MESSAGE_FACTS, T0 } from './negative/context.mjs';
import { controlCases } from './negative/cases-controls.mjs';
import { structureCases } from './negative/cases-structure.mjs';
import { claimCases } from './negative/cases-claims.mjs';
import { signatureCases } from './negative/cases-signatures.mjs';

const FILE = fileURLToPath(new URL('../vectors/negative/jwt.json', import.meta.url));
const check = process.argv.includes('--check');

const previous = existsSync(FILE) ? JSON.parse(readFileSync(FILE, 'utf8')) : {};
const keys = makeKeys(previous.keys);
const signer = new Signer(keys, previous.randomized);
const ctx = makeContext(signer);
const cases = [...controlCases(ctx), ...structureCases(ctx), ...claimCases(ctx), ...signatureCases(ctx)];

const ids = new Set();
for (const c of cases) {
  if (ids.has(c.id)) throw new Error(`duplicate id ${c.id}`);
  ids.add(c.id);
}
for (const id of Object.keys(MESSAGE_FACTS)) if (!ids.has(id)) throw new Error(`MESSAGE_FACTS names an unknown case ${id}`);

const doc = {
  format: 'tessera-vectors/1',
  source: {
    document: 'Tessera negative JWT vectors',
    description: 'One case per rule of Tessera issue 2 (and the advisories of issue 7 that apply to JWS/JWT verification), plus positive controls made with the same keys and options. Each case names its sources.',
    generator: 'packages/test-vectors/scripts/generate-negative.mjs (node:crypto only)',
  },
  notes: [
    'currentDate in options is a NumericDate (seconds since the epoch); every case uses ' + `${T0} (${new Date(T0 * 1000).toISOString()}).`,
    'keys: the private test keys every case was made with (never use them anywhere else). Each case carries the verification form of the keys it needs in keys.keys.',
    'keyMode "single": import keys.keys[0] and pass that key; "set": pass the whole JWKS as a key set.',
    'randomized: ECDSA and RSA-PSS signatures kept so that re-running the generator reproduces this file exactly.',
  ],
  keys,
  cases,
  randomized: Object.fromEntries(Object.entries(signer.randomized).sort(([a], [b]) => a.localeCompare(b))),
};
const text = `${JSON.stringify(doc, null, 2)}\n`;

if (check) {
  const current = existsSync(FILE) ? readFileSync(FILE, 'utf8') : '';
  if (current !== text) {
    console.error('vectors/negative/jwt.json is not what scripts/generate-negative.mjs produces; run it and commit the result');
    process.exit(1);
  }
  console.log(`vectors/negative/jwt.json is up to date (${cases.length} cases)`);
} else {
  writeFileSync(FILE, text);
  console.log(`wrote vectors/negative/jwt.json (${cases.length} cases)`);
}
