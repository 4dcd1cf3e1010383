// Run in the scratch project: loads each entry point named on the command line through require()
// and through import(), and checks both give the same module (one instance: no dual-package hazard).
// An entry that needs an optional peer the project lacks (the test-vectors suites need vitest) is
// reported as such, not as a failure. Prints a JSON report.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- require() of the packages is what this file checks */
const assert = require('node:assert/strict');

async function main() {
  const [optionalPeers, ...specifiers] = process.argv.slice(2);
  const optional = new Set(JSON.parse(optionalPeers));
  const report = { loaded: [], needsOptionalPeer: {} };
  for (const specifier of specifiers) {
    let imported;
    try {
      imported = await import(specifier);
    } catch (error) {
      const missing = /Cannot find (?:package|module) '([^']+)'/.exec(String(error && error.message))?.[1];
      if (error && error.code === 'ERR_MODULE_NOT_FOUND' && optional.has(missing)) {
        report.needsOptionalPeer[specifier] = missing;
        continue;
      }
      throw error;
    }
    const required = require(specifier);
    const names = Object.keys(imported);
    assert.ok(names.length > 0, `${specifier} exports nothing`);
    for (const name of names) assert.equal(required[name], imported[name], `${specifier}: '${name}' differs between require() and import()`);
    report.loaded.push(specifier);
  }
  console.log(JSON.stringify(report));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
