// Entities: people, organisations, places and outlets known to the store, with their aliases;
// each links to the articles that mention it.

import { apiUrl, type Page, type Stats, useApi } from '../api.ts';
import { go, href } from '../router.ts';
import { Empty, Loaded, Pager } from '../components/ui.tsx';

interface Entity { id: string; name: string; type: string; aliases: string[] }

export function EntitiesView({ query, stats }: { query: URLSearchParams; stats: Stats | null }) {
  const q = query.get('q') ?? '';
  const type = query.get('type') ?? '';
  const offset = Number(query.get('offset') ?? 0) || 0;
  const load = useApi<Page<Entity>>(apiUrl('entities', { q: q || undefined, type: type || undefined, offset, limit: 100 }));
  const onSubmit = (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    go(href('entities', { q: String(f.get('q') ?? '') || undefined, type: String(f.get('type') ?? '') || undefined }));
  };
  return (
    <div>
      <h1>Entities</h1>
      <form class="filters" onSubmit={onSubmit}>
        <label>Name or alias <input name="q" value={q} /></label>
        <label>Type <select name="type" value={type}><option value="">any</option>{['person', 'org', 'place', 'outlet', 'group', 'other'].map((t) => <option>{t}</option>)}</select></label>
        <button type="submit">Find</button>
      </form>
      <Loaded load={load} what="entities">
        {(p) =>
          p.items.length ? (
            <>
              <table class="table">
                <thead><tr><th>Name</th><th>Type</th><th>Also written</th></tr></thead>
                <tbody>{p.items.map((e) => <tr><td><a href={href('articles', { entity: e.id })}>{e.name}</a></td><td>{e.type}</td><td class="muted small">{e.aliases.filter((a) => a !== e.name).slice(0, 8).join(', ')}</td></tr>)}</tbody>
              </table>
              <Pager page={p} link={(o) => href('entities', { q: q || undefined, type: type || undefined, offset: o || undefined })} />
            </>
          ) : (
            <Empty title="No entities.">{stats && !stats.capabilities.entities ? 'Entity recognition has not run on this store.' : null}</Empty>
          )
        }
      </Loaded>
    </div>
  );
}
