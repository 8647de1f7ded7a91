// Repository for passage reuse links, the shingle index and provenance groups (src/reuse).
// Implemented by each store (src/store/sqlite, later src/store/postgres) and checked by
// src/store/contract/reuse.contract.ts.

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ReuseRepo {}
