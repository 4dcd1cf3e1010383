/**
 * @tessera/cli as a library: the same commands the `tessera` binary runs, for scripts and tests
 * that want them in-process with their own {@link Io}.
 */
export { run, HELP } from './main.js';
export { decode, DECODE_HELP } from './commands/decode.js';
export { verify, VERIFY_HELP } from './commands/verify.js';
export { keygen, KEYGEN_HELP } from './commands/keygen.js';
export { jwks, JWKS_HELP } from './commands/jwks.js';
export { doctor, DOCTOR_HELP } from './commands/doctor.js';
export type { DoctorFinding } from './doctor/types.js';
export { inspect } from './decode/inspect.js';
export type { TokenReport, Finding, Timeline, TimelineEntry, SizeLimit } from './decode/types.js';
export { EXIT } from './lib/exit-codes.js';
export type { ExitCode } from './lib/exit-codes.js';
export { processIo } from './lib/io.js';
export type { Io } from './lib/io.js';
