#!/usr/bin/env node
// Adds up the vitest JSON reports every package writes to .test-results/vitest.json and prints one
// closing line, "N passed, N failed, N skipped", so CI reads a single verdict for the whole
// monorepo. Exits non-zero when a test failed, a task failed (--tasks-exit=N), or nothing ran.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const tasksExit = Number((process.argv.find((a) => a.startsWith('--tasks-exit=')) ?? '=0').split('=')[1]);
let passed = 0, failed = 0, skipped = 0;
const failures = [];
for (const group of ['packages', 'apps']) {
  const dir = join(root, group);
  if (!existsSync(dir)) continue;
  for (const name of readdirSync(dir)) {
    const file = join(dir, name, '.test-results', 'vitest.json');
    if (!existsSync(file)) continue;
    const report = JSON.parse(readFileSync(file, 'utf8'));
    passed += report.numPassedTests ?? 0;
    failed += report.numFailedTests ?? 0;
    skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    for (const suite of report.testResults ?? []) {
      for (const t of suite.assertionResults ?? []) {
        if (t.status === 'failed') failures.push(`${group}/${name}: ${t.fullName}`);
      }
    }
  }
}
if (failures.length > 0) console.log(`\nFailed tests:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
if (tasksExit !== 0) console.log(`\nA build, lint, typecheck or test task failed (turbo exit ${tasksExit}); see above.`);
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || tasksExit !== 0 || passed === 0 ? 1 : 0);
