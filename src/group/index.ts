// The groups room's corpus stages, in order: stories first (narratives list their stories), then
// narratives with the stance of each member article.

import type { CorpusStage } from '../corpus.ts';
import { storiesStage } from './stories.ts';
import { narrativesStage } from './narratives.ts';

export const groupStages: CorpusStage[] = [storiesStage, narrativesStage];
