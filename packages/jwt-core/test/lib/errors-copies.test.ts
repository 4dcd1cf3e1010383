/**
 * `instanceof JoseError` across copies of the core in one process: bundlers give each bundle its
 * own copy (Next.js bundles proxy.ts and each route apart), and the adapter toolkit of one copy
 * must recognise the refusals of an auth object made by another, or it would answer 503 instead of
 * the 401 the refusal is.
 */
import { describe, expect, it } from 'vitest';
import { JoseError } from '../../src/lib/errors.js';
import { adapterStep } from '../../src/server/adapter/step.js';

describe('JoseError from another copy of the core', () => {
  it('is a JoseError here, and a plain Error is not', async () => {
    // A second instance of the module, as a second bundle would have (vite keys modules by URL).
    const other = (await import('../../src/lib/errors.js?copy' as string)) as typeof import('../../src/lib/errors.js');
    expect(other.JoseError).not.toBe(JoseError);
    const foreign = new other.JoseError('ERR_TOKEN_MISSING', 'the request carries no access token');
    expect(foreign instanceof JoseError).toBe(true);
    expect(new JoseError('ERR_JWT_EXPIRED', 'expired') instanceof other.JoseError).toBe(true);
    expect(new Error('x') instanceof JoseError).toBe(false);
    expect(Object.assign(new Error('x'), { code: 'ERR_JWT_EXPIRED', name: 'JoseError' }) instanceof JoseError).toBe(false);
    expect((null as unknown as object) instanceof JoseError).toBe(false);
  });

  it('a refusal made with another copy goes through adapterStep as its 401, not as a malformed 503', async () => {
    const other = (await import('../../src/lib/errors.js?copy' as string)) as typeof import('../../src/lib/errors.js');
    const error = new other.JoseError('ERR_TOKEN_MISSING', 'the request carries no access token');
    const step = await adapterStep(() => ({ ok: false, error, response: new Response(null, { status: 401 }) }), { onError: () => undefined });
    expect(step.action === 'respond' && step.response.status).toBe(401);
    expect(step.error).toBe(error);
  });
});
