/**
 * Schemas built on first use. Inside the worker every cached course evaluates
 * domain/ on its own, and zod schemas are heavy (a few hundred instances were
 * 1.3 MB per cached course): a course builds only the schemas it parses with.
 */
export function lazily<T>(build: () => T): () => T {
  let built: T | undefined;
  return () => (built ??= build());
}

/** An object whose every property is built on first read, then kept: `schemas.plan` reads like a constant. */
export function lazyRecord<B extends Record<string, () => unknown>>(
  builders: B,
): { readonly [K in keyof B]: ReturnType<B[K]> } {
  const record = {} as { [K in keyof B]: ReturnType<B[K]> };
  for (const key of Object.keys(builders) as (keyof B)[]) {
    const build = lazily(builders[key]!);
    Object.defineProperty(record, key, { enumerable: true, get: build });
  }
  return record;
}
