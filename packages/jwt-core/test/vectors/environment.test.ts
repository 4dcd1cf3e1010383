/**
 * Proves the two vitest projects really run in different environments: the `edge` project has
 * the Edge runtime's globals (`EdgeRuntime`), the `node` project does not. Without this, a config
 * mistake could run the "edge" tests in plain Node and nobody would notice.
 */
import { describe, expect, inject, it } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    testProject: 'node' | 'edge';
  }
}

describe('test environment', () => {
  it('matches the project it runs in', () => {
    const project = inject('testProject');
    const edgeRuntime = (globalThis as { EdgeRuntime?: unknown }).EdgeRuntime;
    expect(['node', 'edge']).toContain(project);
    if (project === 'edge') expect(edgeRuntime).toBe('edge-runtime');
    else expect(edgeRuntime).toBeUndefined();
  });
});
