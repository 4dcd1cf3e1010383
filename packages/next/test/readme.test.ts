/**
 * The README's examples are the fixture app's files: each code block that starts with
 * `// <path>:` must be, byte for byte, test/app/<path>, which the other tests build with
 * `next build` and run under `next start`. So every example a reader copies is one that runs.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(`${pkg}README.md`, 'utf8');
const blocks = [...readme.matchAll(/```tsx?\n(\/\/ ([\w./[\]-]+\.tsx?):[^\n]*\n[\s\S]*?)```/g)].map((m) => ({ file: m[2]!, code: m[1]! }));

it('the README shows middleware.ts, proxy.ts, the auth route file, lib/auth.ts and getAuth()/requireAuth() as fixture files', () => {
  expect(blocks.map((b) => b.file).sort()).toEqual([
    'app/api/admin/route.ts', 'app/api/seen/route.ts', 'app/auth/[...tessera]/route.ts', 'app/dashboard/page.tsx',
    'auth.config.ts', 'lib/auth.ts', 'middleware.ts', 'proxy.ts',
  ]);
});

for (const { file, code } of blocks) {
  it(`the README's ${file} is the fixture's, byte for byte`, () => {
    expect(code).toBe(readFileSync(`${pkg}test/app/${file}`, 'utf8'));
  });
}
