/**
 * The layers of @tessera/jwt-core, bottom to top (each may import only those below it):
 *
 *   lib/          errors, JOSE shapes, base64url, JSON, options, crypto backends
 *   jwk/          the key object, import and export
 *   jwks/         key sets and key selection
 *   jws/  jwe/    signing and encryption, side by side (neither imports the other)
 *   jwt/          claims, nested JWTs (sign-then-encrypt), decryptJwt
 *   keys/         key rings from configuration
 *   server/       the auth layer (`@tessera/jwt-core/server`), private to itself
 *   index.ts, types.ts, errors.ts   the public entry and catalogues, imported by no layer
 *
 * Run from packages/jwt-core: `depcruise src --config .dependency-cruiser.cjs` (the lint script).
 */
const base = require('../../.dependency-cruiser.cjs');

/** A `from` layer may not import any of the `to` layers. */
const above = (from, to, comment) => ({
  name: `layer-${from}`,
  severity: 'error',
  comment,
  from: { path: `^src/${from}/` },
  to: { path: `^src/(${to.join('|')})/` },
});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  ...base,
  forbidden: [
    ...base.forbidden,
    {
      name: 'lib-is-the-bottom',
      severity: 'error',
      comment: 'lib/ imports nothing of the core outside lib/ (npm packages such as @noble/* are fine).',
      from: { path: '^src/lib/' },
      to: { path: '^src/', pathNot: '^src/lib/' },
    },
    above('jwk', ['jwks', 'jws', 'jwe', 'jwt', 'keys', 'server'], 'keys are below key sets and every operation'),
    above('jwks', ['jws', 'jwe', 'jwt', 'keys', 'server'], 'key sets are below the operations that select from them'),
    above('jws', ['jwe', 'jwt', 'keys', 'server'], 'JWS knows nothing of JWE or JWT'),
    above('jwe', ['jws', 'jwt', 'keys', 'server'], 'JWE knows nothing of JWS or JWT (nested JWTs live in jwt/)'),
    above('jwt', ['keys', 'server'], 'JWT builds on JWS and JWE, never on configuration or the auth layer'),
    above('keys', ['jws', 'jwe', 'jwt', 'server'], 'configuration builds key rings; it does not sign or verify'),
    {
      name: 'server-is-private',
      severity: 'error',
      comment: 'server/ is the `./server` entry: nothing outside server/ imports it.',
      from: { path: '^src/', pathNot: '^src/server/' },
      to: { path: '^src/server/' },
    },
    {
      name: 'entry-files-are-the-top',
      severity: 'error',
      comment: 'index.ts, types.ts and errors.ts gather the public API; the layers import the modules that define it.',
      from: { path: '^src/(lib|jwk|jwks|jws|jwe|jwt|keys)/' },
      to: { path: '^src/[^/]+\\.ts$' },
    },
    {
      name: 'no-node-builtins',
      severity: 'error',
      comment: 'The core runs on the Edge runtime, Deno, Bun and browsers: no Node built-in (node:crypto is found at run time).',
      from: { path: '^src/' },
      to: { dependencyTypes: ['core'] },
    },
  ],
};
