// The per-article stages, in the order they run. Each is a pure function over the article and
// the layers before it (see ArticleStage in model.ts); adding a stage is adding it here.

import type { ArticleStage } from './model.ts';
import { sentenceStage } from './nlp/sentences.ts';
import { entityStage } from './nlp/entities.ts';
import { quoteStage } from './nlp/quotes.ts';
import { sourcingStage } from './nlp/sourcing.ts';
import { dateStage } from './nlp/dates.ts';

export const ARTICLE_STAGES: ArticleStage[] = [sentenceStage, entityStage, quoteStage, sourcingStage, dateStage];
