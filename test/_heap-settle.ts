// Shared by the heap test children (run with `node --expose-gc`): the heap used once garbage is really gone.
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

/** Heap used after three full collections, each followed by a turn of the event loop (finalisers, weak refs). */
export async function settledHeap(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc!();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}
