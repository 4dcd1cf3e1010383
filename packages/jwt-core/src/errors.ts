/**
 * The public error API: {@link JoseError}, its codes and details. The class is defined in
 * `lib/errors.ts`, the bottom layer, so that every layer (lib/ included) can throw it without
 * importing upwards; this module is what the package entry and the auth layer import.
 */
import { JoseError, invalidOption as coreInvalidOption } from './lib/errors.js';

export { JoseError, joseError } from './lib/errors.js';
export type { JoseErrorCode, JoseErrorDetails } from './lib/errors.js';

/**
 * `invalidOption` for the auth layer (server/), some of whose configuration errors carry no hint
 * yet; the core's own builder (lib/errors.ts) requires one. Once every server/ call passes a
 * hint, this goes and server/ imports the strict one.
 */
export function invalidOption(message: string, hint?: string): JoseError {
  return hint === undefined ? new JoseError('ERR_JOSE_INVALID_OPTION', message) : coreInvalidOption(message, hint);
}
