/**
 * Memo tables keyed by text cut out of a document (cell texts, labels).
 *
 * V8 makes `text.slice()` a view into its parent string, so a cached slice keeps the whole document
 * alive until the cache is cleared. A batch reads thousands of documents in one thread: keyed by
 * views, a cache of 20,000 entries held dozens of megabyte-sized documents (found by the long fuzz
 * run). A TextMemo therefore stores its own copy of every key, and it is bounded by the characters
 * it holds as well as by its entries.
 */
export class TextMemo<V> {
  readonly #map = new Map<string, V>();
  #chars = 0;

  constructor(
    private readonly maxEntries = 20_000,
    private readonly maxChars = 1_000_000,
  ) {}

  get(key: string): V | undefined {
    return this.#map.get(key);
  }

  set(key: string, value: V): void {
    if (this.#map.size >= this.maxEntries || this.#chars + key.length > this.maxChars) this.clear();
    // A key longer than the bound itself is not kept: the next set would clear it anyway.
    if (key.length > this.maxChars) return;
    this.#map.set(ownCopy(key), value);
    this.#chars += key.length;
  }

  clear(): void {
    this.#map.clear();
    this.#chars = 0;
  }

  get size(): number {
    return this.#map.size;
  }
}

/**
 * A flat copy of `text` that shares no storage with the string it came from. Short strings are
 * copied by V8 itself (a slice under 13 units is never a view). Tricks such as `(' ' + text).slice(1)`
 * give a view again; a round trip through a Buffer is a real copy.
 */
export function ownCopy(text: string): string {
  return text.length < 13 ? text : Buffer.from(text, 'utf16le').toString('utf16le');
}
