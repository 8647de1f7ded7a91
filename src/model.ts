// The shared vocabulary of echotrace: what an article is once ingested, what a span is, and what
// a stage must look like. Every other module speaks in these types.

/** Where a piece of evidence came from and what it said. Offsets, when present, index the clean text. */
export interface Evidence {
  /** How the call was made: "record", "meta:og:site_name", "dateline", "credit-line", "url-host", ... */
  method: string;
  /** The text or metadata value that decided it. */
  text?: string;
  start?: number;
  end?: number;
  /** Free-form note for a person reading it (why this won, what it overrode). */
  note?: string;
}

/** Where an article was read from. */
export interface SourceRef {
  path: string;
  format: InputFormat;
  /** Line number (1-based) for JSONL records, item number for feeds; null for single-document files. */
  line: number | null;
}

export type InputFormat = 'txt' | 'html' | 'jsonl' | 'json' | 'rss' | 'atom';

/**
 * One document as a reader found it, before cleaning. Readers fill what their format carries;
 * everything else stays undefined. `html` and `text` may both be present (a feed item with HTML
 * content); cleaning prefers `html`.
 */
export interface RawDoc {
  id: string;
  source: SourceRef;
  url?: string;
  title?: string;
  text?: string;
  html?: string;
  /** Outlet named by the record itself (JSONL `outlet`, feed channel title). */
  outlet?: string;
  /** Date given by the record itself (JSONL `published`, feed pubDate), unparsed. */
  published?: string;
  /** Page or feed metadata: name → value, e.g. "og:site_name", "article:published_time". */
  meta?: Record<string, string>;
  /** Warnings the reader raised about this document that did not stop it (encoding fallback, ...). */
  warnings?: string[];
}

/** A line or block that cleaning dropped, and the rule that dropped it. */
export interface Removed {
  text: string;
  rule: string;
  reason: string;
}

export interface OutletCall {
  /** Canonical outlet id (an entity id), e.g. "fars". */
  id: string;
  name: string;
  evidence: Evidence[];
}

export interface DateCall {
  /** ISO date, YYYY-MM-DD (or a full ISO timestamp when the source gives a time). */
  date: string;
  evidence: Evidence[];
}

/** An article after ingest and cleaning: the unit every stage works on. */
export interface Article {
  id: string;
  /** sha256 over what was read (title, clean text, url, outlet, date): equal hash means nothing changed. */
  contentHash: string;
  source: SourceRef;
  url: string | null;
  title: string;
  /** The clean text. Every span in every layer indexes this string (UTF-16 offsets, end exclusive). */
  text: string;
  outlet: OutletCall | null;
  published: DateCall | null;
  removed: Removed[];
  ingestedAt: string;
  updatedAt: string;
}

/** One annotation over the clean text. `data` is the layer's own payload. */
export interface Span<T = Record<string, unknown>> {
  start: number;
  end: number;
  data: T;
}

/** Layer name → its spans. Layers: sentence, entity, quote, date, sourcing, stance. */
export type Layers = Record<string, Span[]>;

/** What a stage produced, with the stage name and version recorded next to it. */
export interface LayerResult {
  layer: string;
  stage: string;
  version: number;
  spans: Span[];
  /**
   * The spans' payloads already serialized as JSON, in span order (an ingest worker does this, so
   * the single writer thread neither clones nor serializes them; the spans' `data` is then left
   * empty). Stores write these when present.
   */
  dataJson?: string[];
}

/** The JSON a store writes for span `i` of a layer result. */
export const spanDataJson = (r: LayerResult, i: number): string => r.dataJson?.[i] ?? JSON.stringify(r.spans[i].data ?? {});

/**
 * A per-article stage: a pure function from the article and the layers it needs to its own layer.
 * It knows nothing of the store, the CLI or the server.
 */
export interface ArticleStage {
  name: string;
  version: number;
  /** The layer it writes. */
  layer: string;
  /** Layers it reads; the pipeline runs stages in an order that satisfies these. */
  needs: string[];
  run(article: Article, layers: Layers, ctx: StageContext): Span[];
}

/** Shared, read-only resources loaded once (lexicons, alias tables) and handed to every stage. */
export interface StageContext {
  /** Loaded data files by name; each stage module knows the shape of its own. */
  data: Map<string, unknown>;
  /** "Now" for the run, so date logic is reproducible in tests. */
  now: Date;
}

/** A problem with one input, reported and skipped so the rest of the batch goes on. */
export interface IngestProblem {
  path: string;
  line?: number | null;
  message: string;
  /** "error" stops this document; "warning" is noted and the document is kept. */
  level: 'error' | 'warning';
}
