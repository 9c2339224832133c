/**
 * Promise.all for the handful of results one verification starts side by side, without its
 * allocations (a resolver per element): the results in order, each awaited in turn. The caller
 * keeps a failure that comes before its turn from being reported as unhandled (settledLater).
 */
export async function inOrder<T>(results: readonly (T | Promise<T>)[]): Promise<T[]> {
  const values: T[] = [];
  for (let i = 0; i < results.length; i++) {
    const result = results[i];
    // A value is taken as it is: an await would cost a turn of the queue even on a value.
    values.push(result instanceof Promise ? await result : result);
  }
  return values;
}

/** A pending result whose failure, if it comes before it is awaited, is not reported as unhandled. */
export function settledLater<T>(result: T | Promise<T>): T | Promise<T> {
  if (result instanceof Promise) result.catch(() => undefined);
  return result;
}
