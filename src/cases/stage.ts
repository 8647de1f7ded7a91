// The corpus stage "cases": links stored articles to the known cases they repeat (the `matches`
// table), incrementally for new or changed articles, in full after the cases change.

import type { CorpusStage, CorpusStageReport } from '../corpus.ts';
import { linkArticles, loadMatcher } from './index.ts';

export const casesStage: CorpusStage = {
  name: 'cases',
  async update(store, changed): Promise<CorpusStageReport> {
    if (!(await store.cases.count())) return { summary: 'cases: no known cases imported (echotrace cases import FILE)', counts: { links: 0 } };
    const r = await linkArticles(store, changed, await loadMatcher(store));
    return { summary: `cases: ${r.links} links to known cases across ${r.articles} of ${changed.length} articles`, counts: { links: r.links, articles: r.articles } };
  },
  async recompute(store, ctx) {
    return this.update(store, await store.articles.ids(), ctx);
  },
  async fillArticle(store, article, fields) {
    fields.matches = (await store.cases.matches([article.id])).map((m) => ({
      case: m.caseId,
      score: m.score,
      span: { start: m.start, end: m.end, text: article.text.slice(m.start, m.end) },
    }));
  },
};
