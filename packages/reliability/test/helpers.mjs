/**
 * What the scenario tests share: the apps in CI order, and a check that next-web was built (by
 * turbo's `^build` before this package's tests, or by hand), so a missing build fails naming the
 * command rather than as a start-up error.
 */
import { appInfo } from '../src/apps.mjs';

export const APP_NAMES = ['node', 'koa', 'next'];

/** Throws, naming the build command, when `app` cannot be started. */
export function assertRunnable(app) {
  appInfo(app);
}
