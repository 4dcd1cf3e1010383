/**
 * The root README's error table, checked against the code: every code of `JoseErrorCode` has a row
 * and every row is a code; the HTTP column is what the auth layer answers; and what real requests
 * produce lands on the row that describes them (a missing refresh token, a Basic header, ...).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { JoseError, type JoseErrorCode } from '../../src/errors.js';
import { statusOf } from '../../src/server/responses.js';
import { ORIGIN, setup } from '../server/helpers.js';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const readme = readFileSync(join(pkg, '..', '..', 'README.md'), 'utf8');
const errorsSource = readFileSync(join(pkg, 'src', 'lib', 'errors.ts'), 'utf8');

/** The codes of the `JoseErrorCode` union, read from its declaration. */
function declaredCodes(): string[] {
  const union = /export type JoseErrorCode =([\s\S]*?);/.exec(errorsSource)?.[1] ?? '';
  return [...union.matchAll(/'(ERR_[A-Z_]+)'/g)].map((m) => m[1]!);
}

/** Rows of the table: code → { statuses, when }. */
function tableRows(): Map<string, { statuses: number[]; when: string }> {
  const rows = new Map<string, { statuses: number[]; when: string }>();
  for (const line of readme.split('\n')) {
    const m = /^\| `(ERR_[A-Z_]+)` \| ([\d, ]+) \| (.+) \|$/.exec(line);
    if (m !== null) rows.set(m[1]!, { statuses: m[2]!.split(',').map((s) => Number(s.trim())), when: m[3]! });
  }
  return rows;
}

const REASONS = [undefined, 'too_large', 'media_type', 'method', 'headers_too_large', 'malformed', 'csrf_origin', 'insufficient_rights'];

describe('README error table', () => {
  it('lists exactly the declared codes, one row each', () => {
    const codes = declaredCodes();
    expect(codes.length).toBeGreaterThan(20);
    expect([...tableRows().keys()].sort()).toEqual([...codes].sort());
  });

  it('gives the status the auth layer answers for each code (the first one without a reason, the rest by reason)', () => {
    for (const [code, row] of tableRows()) {
      const make = (reason?: string) => new JoseError(code as JoseErrorCode, 'x', { hint: 'y', ...(reason === undefined ? {} : { reason }) });
      expect(row.statuses[0], code).toBe(statusOf(make()));
      const reachable = new Set(REASONS.map((r) => statusOf(make(r))));
      for (const status of row.statuses) expect(reachable.has(status), `${code} ${status}`).toBe(true);
    }
  });

  it('describes what real requests produce on the row of the code they get', async () => {
    const rows = tableRows();
    const { auth } = setup({ transport: 'bearer' });
    const post = (path: string, body: string, headers: Record<string, string> = {}) => auth.handle(new Request(`${ORIGIN}${path}`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body,
    }));
    const codeOf = async (response: Response | null) => ((await response!.json()) as { error: string }).error;

    const noRefresh = await codeOf(await post('/auth/refresh', '{}'));
    expect(rows.get(noRefresh)?.when).toMatch(/carries no refresh token/);
    const wrongPassword = await codeOf(await post('/auth/login', '{"username":"alice","password":"nope"}'));
    expect(rows.get(wrongPassword)?.when).toMatch(/wrong password/);
    const tooLarge = await codeOf(await post('/auth/login', JSON.stringify({ username: 'a'.repeat(20_000), password: 'p' })));
    expect(rows.get(tooLarge)?.when).toMatch(/body too large/);
    const basic = await auth.authenticate(new Request(`${ORIGIN}/api`, { headers: { authorization: 'Basic YWxpY2U6eA==' } }));
    expect(basic.ok).toBe(false);
    if (!basic.ok) expect(rows.get(basic.error.code)?.when).toMatch(/Basic/);
    const unknownRefresh = await codeOf(await post('/auth/refresh', JSON.stringify({ refresh_token: 'A'.repeat(43) })));
    expect(rows.get(unknownRefresh)?.when).toMatch(/unknown/);
  });
});
