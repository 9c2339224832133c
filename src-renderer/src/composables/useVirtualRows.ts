/**
 * A windowed list: of `count` rows of a fixed height, only those in (or near) the scroller's view
 * are drawn; spacers above and below keep the scrollbar true to the whole list.
 */
import { computed, onBeforeUnmount, onMounted, ref, type Ref } from 'vue';

export interface VirtualRowsOptions {
  rowHeight: number;
  /** Rows drawn beyond each edge of the view, so a quick scroll never shows a gap. */
  overscan?: number;
  /** Assumed view height before the scroller has been measured. */
  initialHeight?: number;
}

export function useVirtualRows(count: Ref<number>, options: VirtualRowsOptions) {
  const { rowHeight, overscan = 8, initialHeight = 600 } = options;
  const scroller = ref<HTMLElement | null>(null);
  const scrollTop = ref(0);
  const viewHeight = ref(initialHeight);

  const start = computed(() =>
    Math.max(0, Math.min(count.value, Math.floor(scrollTop.value / rowHeight) - overscan)),
  );
  const end = computed(() =>
    Math.min(count.value, Math.ceil((scrollTop.value + viewHeight.value) / rowHeight) + overscan),
  );
  const padTop = computed(() => start.value * rowHeight);
  const padBottom = computed(() => Math.max(0, count.value - end.value) * rowHeight);

  // Chromium fires scroll events once per frame: reading the position right away is enough.
  function onScroll() {
    if (scroller.value) scrollTop.value = scroller.value.scrollTop;
  }

  /** Scrolls just enough that row `index` is wholly in view, and draws it now. */
  function reveal(index: number) {
    const element = scroller.value;
    if (!element) return;
    const top = index * rowHeight;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + rowHeight > element.scrollTop + element.clientHeight)
      element.scrollTop = top + rowHeight - element.clientHeight;
    scrollTop.value = element.scrollTop;
  }

  let observer: ResizeObserver | undefined;
  onMounted(() => {
    if (!scroller.value) return;
    viewHeight.value = scroller.value.clientHeight || initialHeight;
    observer = new ResizeObserver(() => {
      if (scroller.value) viewHeight.value = scroller.value.clientHeight || initialHeight;
    });
    observer.observe(scroller.value);
  });
  onBeforeUnmount(() => {
    observer?.disconnect();
  });

  return { scroller, start, end, padTop, padBottom, viewHeight, onScroll, reveal };
}
