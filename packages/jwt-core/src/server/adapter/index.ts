/**
 * The adapter toolkit: everything a framework adapter needs so that it only translates. See
 * docs/adapters.md.
 */
export { adapterStep, appFailure, type AdapterStep, type AdapterStepOptions } from './step.js';
export { adapterRefusal, type RefusalKind } from './refusal.js';
export { toRequestHeadFrom, toWebRequestFrom, type RawRequest } from './request.js';
export { FORWARDING_HEADERS, type Connection, type TrustProxy } from './forwarding.js';
