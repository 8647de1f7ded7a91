// The reuse room's corpus stages, with their export hooks: reuse (passage links), then
// provenance (groups, earliest source, drift).

import type { CorpusStage } from '../corpus.ts';
import { reuseStage as reuseCore } from './stage.ts';
import { provenanceStage as provenanceCore } from './provenance.ts';
import { fillProvenance, fillReuse } from './export.ts';

export const reuseStage: CorpusStage = { ...reuseCore, fillArticle: fillReuse };
export const provenanceStage: CorpusStage = { ...provenanceCore, fillSections: fillProvenance };
