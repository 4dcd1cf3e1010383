/** Types of scripts/bundle-edge.mjs, for the tests that import it. */
export declare function buildCoreIfStale(): { built: boolean };
export declare function bundleForEdge(entry?: string): Promise<{ code: string; inputs: string[]; bytes: number }>;
