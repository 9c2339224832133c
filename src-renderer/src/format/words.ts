/** Counted nouns: "1 error", "2 errors", "0 warnings". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
}
