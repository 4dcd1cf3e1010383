/** Assertions on refusals, shared by every test folder: a refusal must be a JoseError. */
import { expect } from 'vitest';
import { JoseError } from '../../src/errors.js';

/** The JoseError `promise` (or the promise `fn` returns) rejects with; fails when it resolves or rejects with anything else. */
export async function rejection(promise: unknown): Promise<JoseError> {
  try {
    await (typeof promise === 'function' ? (promise as () => unknown)() : promise);
  } catch (err) {
    expect(err).toBeInstanceOf(JoseError);
    return err as JoseError;
  }
  throw new Error('expected a rejection with a JoseError');
}

/** The JoseError a synchronous call throws; fails when it returns or throws anything else. */
export function thrown(fn: () => unknown): JoseError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(JoseError);
    return err as JoseError;
  }
  throw new Error('expected a JoseError to be thrown');
}
