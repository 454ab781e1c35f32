/** The baseline's activity: a round trip through the engine and nothing else. */
export async function noop(): Promise<void> {
  return;
}
