/**
 * Reading the deployment environment without importing Node: `process.env` is looked up at run
 * time (it is absent on the Edge runtime and in browsers, where the caller passes values instead).
 */

/** Environment variables as a plain record. */
export type EnvRecord = Readonly<Record<string, string | undefined>>;

/** `process.env` when the runtime has one, else an empty record. */
export function processEnv(): EnvRecord {
  const proc = (globalThis as { process?: { env?: EnvRecord } }).process;
  return proc?.env ?? {};
}

/**
 * Whether to apply production rules: the explicit `production` option when given, else
 * `NODE_ENV === 'production'` in `env` (default `process.env`).
 */
export function isProduction(explicit: boolean | undefined, env: EnvRecord = processEnv()): boolean {
  return explicit ?? env.NODE_ENV === 'production';
}
