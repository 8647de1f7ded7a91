// Small shared pieces: loading and error states, pager, article rows, dates, chips.

import type { ComponentChildren } from 'preact';
import type { ArticleSummary, Load, Page } from '../api.ts';
import { href } from '../router.ts';

export function Loading({ what = '' }: { what?: string }) {
  return <p class="muted loading" aria-live="polite">Loading{what ? ` ${what}` : ''}…</p>;
}

export function Failed({ error }: { error: Error }) {
  return <div class="error" role="alert"><strong>Could not load this.</strong> {error.message}</div>;
}

/** Render a load state: spinner, error, or the children with the data. */
export function Loaded<T>({ load, what, children }: { load: Load<T>; what?: string; children: (data: T) => ComponentChildren }) {
  if (load.error) return <Failed error={load.error} />;
  if (!load.data) return <Loading what={what} />;
  return <>{children(load.data)}</>;
}

export function Empty({ title, children }: { title: string; children?: ComponentChildren }) {
  return <div class="empty"><p class="empty-title">{title}</p>{children ? <p class="muted">{children}</p> : null}</div>;
}

export const fmtDate = (d: string | null | undefined) => {
  if (!d) return 'undated';
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(d);
  if (!m) return d;
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${m[3] ? `${Number(m[3])} ` : ''}${months[Number(m[2]) - 1]} ${m[1]}`;
};

/** Pager for a server page: "1–50 of 20,000", previous/next as links (shareable). */
export function Pager<T>({ page, link }: { page: Page<T>; link: (offset: number) => string }) {
  const first = page.items.length ? page.offset + 1 : 0;
  const last = page.offset + page.items.length;
  const prev = page.offset > 0 ? Math.max(0, page.offset - page.limit) : null;
  return (
    <nav class="pager" aria-label="pages">
      <span class="muted">{first.toLocaleString()}–{last.toLocaleString()}{page.total !== null ? ` of ${page.total.toLocaleString()}` : ''}</span>
      {prev !== null ? <a href={link(prev)} rel="prev">← Previous</a> : <span class="disabled">← Previous</span>}
      {page.next !== null ? <a href={link(page.next)} rel="next">Next →</a> : <span class="disabled">Next →</span>}
    </nav>
  );
}

export function ArticleRow({ a, extra }: { a: ArticleSummary; extra?: ComponentChildren }) {
  return (
    <li class="article-row">
      <a class="title" href={href('article', a.id)}>{a.title || a.id}</a>
      <span class="meta">
        {a.outlet ? <a class="outlet" href={href('outlet', a.outlet.id)}>{a.outlet.name}</a> : <span class="muted">unknown outlet</span>}
        <span class="dot">·</span>
        <time>{fmtDate(a.published)}</time>
        {extra}
      </span>
    </li>
  );
}

export function Chip({ children, kind = '', title }: { children: ComponentChildren; kind?: string; title?: string }) {
  return <span class={`chip ${kind}`} title={title}>{children}</span>;
}

export const STANCE_LABEL: Record<string, string> = { promotes: 'promotes', reports: 'reports', debunks: 'debunks' };
