// Repository for known debunks (cases) and article-case matches (src/cases).
// Implemented by each store (src/store/sqlite, later src/store/postgres) and checked by
// src/store/contract/cases.contract.ts.

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CaseRepo {}
