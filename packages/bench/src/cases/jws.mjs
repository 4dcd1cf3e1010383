/**
 * JWS/JWT sign and verify for HS256, RS256, PS256, ES256 and EdDSA: Tessera (prepared and
 * one-shot), the peers, and the three floors, on the same keys, claims and tokens.
 */
import { ALGS, AUDIENCE, ISSUER } from '../fixtures.mjs';
import { nobleFloor, nodeFloor, webcryptoFloor } from '../floors.mjs';
import { fastJwtPeer, josePeer, jsonwebtokenPeer } from '../peers.mjs';
import { checkSigner, checkVerifier } from '../check.mjs';

/**
 * The implementations of one algorithm, not yet checked.
 * Groups: 'ours' (Tessera), 'peer' (other libraries), 'floor' (hand-written).
 */
export async function jwsImplementations(alg, k, core) {
  const key = core.importJwk(k.publicJwk, { alg });
  const signingKey = core.importJwk(k.privateJwk, { alg });
  const verifyOptions = { algorithms: [alg], issuer: ISSUER, audience: AUDIENCE };
  const tesseraVerify = core.createVerifier({ keys: key, ...verifyOptions });
  const tesseraSign = core.createSigner({ key: signingKey, alg });
  const jose = await josePeer(alg, k);
  const fast = fastJwtPeer(alg, k);
  const jwt = jsonwebtokenPeer(alg, k);
  const floor = nodeFloor(alg, k);
  const web = await webcryptoFloor(alg, k);
  const noble = nobleFloor(alg, k);
  const payload = (r) => r.payload;
  const verify = [
    { name: 'Tessera createVerifier', group: 'ours', primary: true, async: true, fn: tesseraVerify, payload },
    { name: 'Tessera verifyJwt', group: 'ours', async: true, fn: (t) => core.verifyJwt(t, key, verifyOptions), payload },
    { name: 'fast-jwt', group: 'peer', async: false, fn: fast.verify },
    jwt && { name: 'jsonwebtoken', group: 'peer', async: false, fn: jwt.verify },
    { name: 'jose', group: 'peer', async: true, fn: jose.verify },
    { name: 'node:crypto floor', group: 'floor', primary: true, async: false, fn: floor.verify },
    { name: 'WebCrypto floor', group: 'floor', async: true, fn: web.verify },
    noble && { name: '@noble floor', group: 'floor', async: false, fn: noble.verify },
  ].filter(Boolean);
  const sign = [
    { name: 'Tessera createSigner', group: 'ours', primary: true, async: true, fn: tesseraSign },
    { name: 'Tessera signJwt', group: 'ours', async: true, fn: (c) => core.signJwt(c, signingKey, { alg }) },
    { name: 'fast-jwt', group: 'peer', async: false, fn: fast.sign },
    jwt && { name: 'jsonwebtoken', group: 'peer', async: false, fn: jwt.sign },
    { name: 'jose', group: 'peer', async: true, fn: jose.sign },
    { name: 'node:crypto floor', group: 'floor', primary: true, async: false, fn: floor.sign },
    { name: 'WebCrypto floor', group: 'floor', async: true, fn: web.sign },
    noble && { name: '@noble floor', group: 'floor', async: false, fn: noble.sign },
  ].filter(Boolean);
  return { verify, sign, floor };
}

/**
 * Check and measure every JWS case. `measure(impls)` times checked implementations and returns a
 * Map name -> summary (or null in smoke mode). Returns the case results for the report.
 */
export async function runJwsCases({ core, keys, claims, measure, log }) {
  const results = [];
  for (const alg of ALGS) {
    const k = keys[alg];
    const impls = await jwsImplementations(alg, k, core);
    const token = impls.floor.sign(claims);
    for (const impl of impls.verify) {
      await checkVerifier(impl, token, claims);
      impl.arg = token;
    }
    for (const impl of impls.sign) {
      await checkSigner(impl, claims, impls.floor.verify);
      impl.arg = claims;
    }
    log(`${alg}: ${impls.verify.length} verifiers and ${impls.sign.length} signers checked (token ${token.length} chars)`);
    for (const [op, list] of [['verify', impls.verify], ['sign', impls.sign]]) {
      const summaries = await measure(list);
      results.push({ id: `${alg} ${op}`, alg, op, tokenLength: token.length, impls: list, summaries });
    }
  }
  return results;
}
