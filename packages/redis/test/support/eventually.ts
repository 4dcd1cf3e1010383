/** Polls `check` until it resolves (returns its value) or `ms` pass (rethrows its last error). */
export async function eventually<T>(check: () => Promise<T>, ms = 8000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
