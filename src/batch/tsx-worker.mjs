// Under tsx only (the tests run the sources): piscina's workers inherit `--import tsx`, which in a
// Node 20 worker thread maps the static imports of worker.ts but not the dynamic `import()` of the
// readers (src/ingest/index.ts). This bootstrap registers tsx in the worker itself, as isolate.ts
// does for its workers, then serves worker.ts. Never used from dist/ (there the worker is worker.js).
import { register } from 'tsx/esm/api';

register();
const { default: run } = await import(new URL('./worker.ts', import.meta.url).href);
export default run;
