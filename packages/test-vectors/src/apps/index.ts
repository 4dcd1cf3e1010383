/**
 * `@tessera/test-vectors/apps`: the example apps' common contract (apps/README.md) as one
 * black-box test that fits every app. Start the app (`launchApp`, as `npm start` would), then walk
 * the contract over real HTTP (`appContractChecks` or `runAppContract`): the routes and their
 * answers, the demo users, sign-in per TRANSPORT, `expires_in` equal to TESSERA_ACCESS_TTL, the
 * issuer equal to TESSERA_ORIGIN, refresh, logout, logout-all, the JWKS. `STARTUP_FAILURES` lists the
 * settings every app must refuse at start-up, naming the variable.
 *
 * The checks use `fetch` and Web Crypto only and know nothing of `@tessera/jwt-core`: the app's own
 * library does not grade it. `launchApp` and `freePort` need Node (child processes).
 *
 * @example
 * ```ts
 * import { appContractChecks, launchApp, resolveTarget } from '@tessera/test-vectors/apps';
 *
 * const app = await launchApp({ command: [process.execPath, 'src/server.mjs'], cwd: appDir, env: { TRANSPORT: 'split', TESSERA_ACCESS_TTL: '2s' } });
 * const target = resolveTarget({ baseUrl: app.url, transport: 'split', accessTtlSeconds: 2 });
 * for (const check of appContractChecks('split')) expect(await check.run(target), check.name).toBeNull();
 * await app.stop();
 * ```
 */
export type * from './types.js';
export type { Answer, SendOptions } from './client.js';
export type { ContractUser } from './contract.js';
export { AppClient } from './client.js';
export { appContractChecks, resolveTarget, runAppContract } from './checks.js';
export { CONTRACT_AUDIENCE, CONTRACT_ROUTES, CONTRACT_USERS, DEFAULT_ACCESS_TTL_SECONDS, STARTUP_FAILURES } from './contract.js';
export { verifiesWithJwks } from './verify-jwks.js';
export { AppStartError, freePort, launchApp, type LaunchedApp, type LaunchOptions } from './launch.js';
