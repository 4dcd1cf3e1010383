/**
 * Import rules every package's src/ keeps, checked by dependency-cruiser in each package's
 * `lint` script (so `test:all` and CI run them): `depcruise src --config ../../.dependency-cruiser.cjs`.
 * Paths are relative to the package directory. packages/jwt-core adds its layering rules in its
 * own .dependency-cruiser.cjs, which extends this one.
 *
 * Type-only imports count (tsPreCompilationDeps): a cycle through types is still a cycle for
 * the reader.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycle between files: every module can be read (and tested) before the ones that use it.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-circular-folders',
      severity: 'error',
      scope: 'folder',
      comment: 'No import cycle between folders either: folders are layers, each depends only on those below it.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that does not resolve is a typo or a missing dependency.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Resolve workspace packages through their `exports` maps (`@tessera/jwt-core/server`).
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'types', 'default'] },
  },
};
