/**
 * The start-up warning for a signing key generated in this process under NODE_ENV=production.
 * `loadKeyRing` refuses to generate one there, but `createAuth` can be handed one directly (from
 * `generateKeyPair`/`generateSecret`, or a ring built on it): its tokens stop verifying at every
 * restart ("tokens refused after deploy, fixed by signing in again") and never verify on the
 * other instances behind a load balancer. A warning, not a refusal: a single short-lived instance
 * may mean it, and the message says what to do otherwise.
 */
import { isGenerated } from '../jwk/generated.js';
import type { Key } from '../jwk/key.js';
import { isProduction, processEnv } from '../lib/environment.js';
import type { AuthLogger } from './types.js';

/** Warn once through `logger` when `signingKey` was generated in memory and this is production. */
export function warnGeneratedSigningKey(signingKey: Key, logger: AuthLogger): void {
  if (!isGenerated(signingKey) || !isProduction(undefined, processEnv())) return;
  const kind = signingKey.type === 'secret' ? 'secret' : 'key';
  logger.warn(
    `[tessera] createAuth: the signing ${kind}${signingKey.kid === undefined ? '' : ` (kid ${signingKey.kid})`} was generated in this process `
    + '(generateKeyPair/generateSecret) and NODE_ENV=production: tokens signed with it stop verifying at every restart and never verify on another instance. '
    + `Fix: generate the ${kind} once (npx @tessera/cli keygen --alg ${signingKey.alg ?? signingKey.algorithms[0]} --out signing.jwk), give every instance the same one `
    + '(TESSERA_SIGNING_KEY_FILE) and build the ring with loadKeyRing().',
  );
}
