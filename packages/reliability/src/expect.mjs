/**
 * What an answer should be. A request of the load mix carries an expectation: a status with the
 * `error` code of the core's refusal body (`{ status: 401, code: 'ERR_JWT_EXPIRED' }`), a list of
 * acceptable ones (any may match), or a function of the answer returning the reason it is wrong
 * (undefined when right). `toCheck` turns each form into that function.
 */

/** One acceptable answer: `status`, and when given, the body's `error` code. */
export function answer(status, code) {
  return code === undefined ? { status } : { status, code };
}

const describe = (e) => (e.code === undefined ? String(e.status) : `${e.status} ${e.code}`);

/**
 * The check of an expectation: `(got) => reason | undefined`, `got` being `{ status, code }`.
 *
 * @example
 * ```js
 * const check = toCheck([answer(200), answer(503, 'ERR_AUTH_UNAVAILABLE')]);
 * check({ status: 401, code: 'ERR_JWT_REVOKED' }); // 'got 401 ERR_JWT_REVOKED, expected 200 or 503 ERR_AUTH_UNAVAILABLE'
 * ```
 */
export function toCheck(expectation) {
  if (typeof expectation === 'function') return expectation;
  const list = Array.isArray(expectation) ? expectation : [expectation];
  if (list.length === 0 || list.some((e) => typeof e?.status !== 'number')) {
    throw new TypeError('an expectation is { status, code? }, a non-empty list of them, or a function of the answer');
  }
  const wanted = list.map(describe).join(' or ');
  return (got) => {
    if (list.some((e) => e.status === got.status && (e.code === undefined || e.code === got.code))) return undefined;
    return `got ${describe(got)}, expected ${wanted}`;
  };
}
