import { ref, watch, type Ref } from 'vue';

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

/**
 * Whether what lies below a verdict may be drawn: false whenever `source` changes, true a frame
 * after it has a value (with `thenWait`, after that and one more frame), if it is still the same.
 * Drawing it takes the page's thread for tens of milliseconds; the verdict comes first.
 */
export function shownAfterPaint(source: () => unknown, thenWait?: () => Promise<void>): Ref<boolean> {
  const shown = ref(false);
  watch(
    source,
    async (value) => {
      shown.value = false;
      if (!value) return;
      await afterNextPaint();
      if (thenWait) {
        if (source() !== value) return;
        await thenWait();
        await afterNextPaint();
      }
      if (source() === value) shown.value = true;
    },
    { immediate: true },
  );
  return shown;
}
