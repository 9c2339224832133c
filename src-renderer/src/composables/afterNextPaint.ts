/** Resolves once the browser has painted the next frame, so work queued behind it never delays what is drawn now. */
export function afterNextPaint(): Promise<void> {
  if (typeof requestAnimationFrame !== 'function') return Promise.resolve();
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/**
 * Resolves once what changed is drawn and the page has nothing left to do: two frames (what is
 * drawn after the first paint, such as the chain below a verdict, is in the second), then idle;
 * at most `maxIdleWaitMs` after those frames.
 */
export async function afterDrawing(maxIdleWaitMs = 300): Promise<void> {
  await afterNextPaint();
  await afterNextPaint();
  if (typeof requestIdleCallback !== 'function') return;
  await new Promise<void>((resolve) => requestIdleCallback(() => resolve(), { timeout: maxIdleWaitMs }));
}
