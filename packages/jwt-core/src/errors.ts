/**
 * The public error API: {@link JoseError}, its codes and details. The class is defined in
 * `lib/errors.ts`, the bottom layer, so that every layer (lib/ included) can throw it without
 * importing upwards; this module is what the package entry and the auth layer import.
 */
export { JoseError, joseError, invalidOption } from './lib/errors.js';
export type { JoseErrorCode, JoseErrorDetails } from './lib/errors.js';
