/**
 * Reading the deployment environment without importing Node: `process.env` is looked up at run
 * time (it is absent on the Edge runtime and in browsers, where the caller passes values instead).
 */

/** Environment variables as a plain record. */
export type EnvRecord = Readonly<Record<string, string | undefined>>;

/** `process.env` when the runtime has one, else undefined (Edge runtime, Workers, browsers). */
export function processEnv(): EnvRecord | undefined {
  const proc = (globalThis as { process?: { env?: EnvRecord } }).process;
  return proc?.env;
}

/**
 * Whether to apply production rules: the explicit `production` option when given, else
 * `NODE_ENV === 'production'` in `env` (callers pass `process.env` by default). Without any
 * environment to read (no `process.env`, no `env` passed) the answer is yes: failing safe there
 * beats generating throw-away keys on a deployed Edge function.
 */
export function isProduction(explicit: boolean | undefined, env: EnvRecord | undefined): boolean {
  if (explicit !== undefined) return explicit;
  return env === undefined ? true : env.NODE_ENV === 'production';
}
