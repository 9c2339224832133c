/**
 * Brings what a click changed into view: a selection that opens details below the fold, a byte
 * whose ASN.1 node sits out of its list's view, a dropped file's card far down the page. Nothing
 * moves when the thing is already in view; motion is instant for those who ask for less of it.
 */

/** How much of an element's top must show (px) for it to count as in view. */
const visibleTop = 48;

function scrollsItself(element: Element): boolean {
  const overflow = getComputedStyle(element).overflowY;
  return (overflow === 'auto' || overflow === 'scroll') && element.scrollHeight > element.clientHeight;
}

/** Whether the element's top part shows inside every scroller around it and the window. */
export function isInView(element: Element): boolean {
  const rect = element.getBoundingClientRect();
  const need = Math.min(visibleTop, rect.height);
  let top = 0;
  let bottom = window.innerHeight;
  for (let parent = element.parentElement; parent; parent = parent.parentElement) {
    if (!scrollsItself(parent)) continue;
    const box = parent.getBoundingClientRect();
    top = Math.max(top, box.top);
    bottom = Math.min(bottom, box.bottom);
  }
  return rect.top >= top - 1 && rect.top + need <= bottom + 1;
}

function behavior(): ScrollBehavior {
  return window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth';
}

/**
 * Scrolls `element` into view unless it already is. `start` puts its top at the top (a panel
 * the user should read); `nearest` moves as little as possible (a row in a list).
 */
export function reveal(element: Element | null | undefined, block: 'start' | 'nearest' = 'start'): void {
  if (!element || isInView(element)) return;
  element.scrollIntoView({ block, inline: 'nearest', behavior: behavior() });
}
