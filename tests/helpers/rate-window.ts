/**
 * Workers Rate Limiting counts in windows aligned to the wall clock (Miniflare does the same: a
 * window is `floor(now / period)`). A test that spends an allowance and then expects the next
 * request to be refused is only meaningful inside one window: when a window ends mid-test, the
 * allowance refills and the "one more" passes. This runs the test's body and judges it only if it
 * ran inside one window; a body that straddled two runs again with fresh keys (`attempt` picks
 * another account or address), up to twice. A failure inside one window is always reported.
 */
export async function inOneRateWindow(body: (attempt: number) => Promise<void>, periodSeconds = 60): Promise<void> {
  const windowOf = (t: number) => Math.floor(t / (periodSeconds * 1000));
  for (let attempt = 0; ; attempt++) {
    const started = windowOf(Date.now());
    try {
      await body(attempt);
      return;
    } catch (error) {
      if (attempt < 2 && windowOf(Date.now()) !== started) continue;
      throw error;
    }
  }
}
