// Repository for stories, narratives and their membership (src/group).
// Implemented by each store (src/store/sqlite, later src/store/postgres) and checked by
// src/store/contract/groups.contract.ts.

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface GroupRepo {}
