/** Types of src/slot.mjs for the TypeScript side of the app (lib/auth.ts narrows `current()`). */
export declare function install(example: Record<string, unknown>): void;
export declare function current(): Record<string, unknown>;
