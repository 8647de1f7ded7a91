// Entry point of an ingest worker thread. Worker threads do not share the main thread's module
// loader, so the TypeScript loader is registered here (as bin/echotrace.js does for the CLI)
// before the worker itself is loaded.
import { register } from 'tsx/esm/api';
register();
await import('./worker.ts');
