// Every contract suite a Store must pass. Each room adds its own suite here.

import type { Store } from '../store.ts';
import { articlesContract } from './articles.contract.ts';
import { reuseContract } from './reuse.contract.ts';
import { groupsContract } from './groups.contract.ts';
import { casesContract } from './cases.contract.ts';

export function storeContract(open: () => Promise<Store>) {
  articlesContract(open);
  reuseContract(open);
  groupsContract(open);
  casesContract(open);
}
