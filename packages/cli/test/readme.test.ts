/**
 * The terminal sessions shown in the root README's "The command line" and in this package's
 * README are real: each `$ npx @tessera/cli …` / `$ tessera …` line is run here against the same
 * setup (the same claims and clock for decode; two auth-layer instances with different keys behind
 * one address for doctor), and every line shown must be printed, in order. A block without `...`
 * must match the output line for line. The clock line's numbers vary from run to run.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyRing, exportJwk, generateKeyPair, generateSecret, signJwt } from '@tessera/jwt-core';
import { startApp, type App } from './support/auth-app.js';
import { tempDir, tessera, writeIn } from './support/run.js';

// The README shows local times in +01:00 (Central European winter time).
process.env.TZ = 'Europe/Paris';

const dir = tempDir();
const NOW = new Date('2026-12-06T01:22:59Z');
const README_URL = 'http://127.0.0.1:18080';
const running: (App | Server)[] = [];
let url = '';
let decodeToken = '';
let verifyToken = '';
let nestedToken = '';
const files: Record<string, string> = {};

/** A balancer in front of `upstreams`: each request (doctor opens a new connection for each) to the next one. */
let n = 0;
async function roundRobin(upstreams: string[]): Promise<string> {
  const server = createServer((req, res) => {
    const out = httpRequest(new URL(req.url!, upstreams[n++ % upstreams.length]), { method: req.method, headers: req.headers }, (up) => { res.writeHead(up.statusCode!, up.headers); up.pipe(res); });
    out.on('error', () => res.writeHead(502).end());
    req.pipe(out);
  });
  running.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  const secret = generateSecret('HS256', { extractable: true });
  files['signing.jwk'] = writeIn(dir, 'signing.jwk', exportJwk(secret, { private: true }));
  const claims = { sub: 'user-42', roles: ['admin'], iss: 'https://auth.example.com', aud: 'billing' };
  decodeToken = await signJwt(claims, secret, { alg: 'HS256', header: { typ: 'JWT' }, currentDate: new Date('2026-12-06T01:22:50Z'), expiresIn: '14d' });
  verifyToken = await signJwt({ ...claims, aud: 'api' }, secret, { alg: 'HS256', currentDate: NOW, expiresIn: '10m' });
  const issuer = await generateKeyPair('ES256', { kid: 'sig-1' });
  const recipient = await generateKeyPair('RSA-OAEP-256', { kid: 'enc-1', extractable: true });
  files['issuer-public.jwk'] = writeIn(dir, 'issuer-public.jwk', exportJwk(issuer.publicKey));
  files['recipient-private.jwk'] = writeIn(dir, 'recipient-private.jwk', exportJwk(recipient.privateKey, { private: true }));
  nestedToken = await signJwt({ sub: 'user-42' }, issuer.privateKey, {
    alg: 'ES256', currentDate: NOW, expiresIn: '10m', encrypt: { key: recipient.publicKey, alg: 'RSA-OAEP-256', enc: 'A256GCM', header: { kid: 'enc-1' } },
  });
  const instances: App[] = [];
  for (const kid of ['instance-a', 'instance-b']) {
    instances.push(await startApp(createKeyRing({ signing: (await generateKeyPair('ES256', { kid })).privateKey }), { diagnostics: true }));
  }
  running.push(...instances);
  url = await roundRobin(instances.map((a) => `http://127.0.0.1:${a.port}`));
});

afterAll(async () => {
  for (const r of running.splice(0)) await ('port' in r ? r.close() : new Promise((res) => { r.closeAllConnections(); r.close(res); }));
});

interface Session { command: string; shown: string[]; elided: boolean }

/** The `$ …` commands of the `text` blocks under `heading` (or the whole file), with the lines shown after each. */
function sessions(file: string, heading?: string): Session[] {
  let text = readFileSync(fileURLToPath(new URL(file, import.meta.url)), 'utf8');
  if (heading !== undefined) text = text.slice(text.indexOf(heading), text.indexOf('\n## ', text.indexOf(heading) + heading.length));
  const out: Session[] = [];
  for (const [, block] of text.matchAll(/```text\n([\s\S]*?)```/g)) {
    for (const line of block!.split('\n')) {
      if (line.startsWith('$ ')) out.push({ command: line.slice(2), shown: [], elided: false });
      else if (line === '...') out.at(-1)!.elided = true;
      else if (out.length > 0) out.at(-1)!.shown.push(line);
    }
  }
  for (const s of out) while (s.shown.at(-1) === '') s.shown.pop();
  return out;
}

/** Shell words of a README command line, with `$TOKEN` and the key files resolved. */
function argv(command: string): string[] {
  const words = command.replace(/^(npx @tessera\/cli|tessera) /, '').split(' ');
  const token = words[0] === 'decode' ? decodeToken : words.includes('--decrypt-key') ? nestedToken : verifyToken;
  return words.map((w) => {
    if (w === '"$TOKEN"') return token;
    if (w.endsWith('…')) { expect(decodeToken.startsWith(w.slice(0, -1)), 'the token shown is the start of the real one').toBe(true); return decodeToken; }
    if (w === README_URL) return url;
    return files[w] ?? w;
  });
}

const normalize = (line: string) => (line.startsWith('ok      clock: ') ? line.replace(/\d+/g, 'N') : line);

async function check(file: string, heading?: string): Promise<number> {
  let last = 0;
  const all = sessions(file, heading);
  for (const s of all) {
    if (s.command === 'echo $?') { expect(s.shown).toEqual([String(last)]); continue; }
    n = 0; // each doctor run starts at the first instance, as in the README
    const r = await tessera(argv(s.command), { now: NOW });
    last = r.code;
    const printed = `${r.stdout}${r.stderr}`.trimEnd().split('\n').map((l) => normalize(l.replaceAll(url, README_URL)));
    const shown = s.shown.map(normalize);
    if (!s.elided) { expect(printed, s.command).toEqual(shown); continue; }
    let at = 0;
    for (const line of shown) {
      const found = printed.indexOf(line, at);
      expect(found, `${s.command}: ${JSON.stringify(line)} is not printed (after line ${at})`).toBeGreaterThanOrEqual(0);
      at = found + 1;
    }
  }
  return all.length;
}

describe('README sessions are real output', () => {
  it('the root README\'s command line section', async () => {
    expect(await check('../../../README.md', '## The command line')).toBe(3);
  });

  it('this package\'s README', async () => {
    expect(await check('../README.md')).toBeGreaterThanOrEqual(5);
  });
});
