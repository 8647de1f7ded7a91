// The shell: header with search and navigation, and the view for the current hash route.
// Keyboard: "/" jumps to search, Escape leaves a field; everything else is links and buttons.

import { useEffect, useRef } from 'preact/hooks';
import { go, href, useRoute } from './router.ts';
import { useStats } from './api.ts';
import { Home } from './views/home.tsx';
import { ArticleList } from './views/articles.tsx';
import { ArticleView } from './views/article.tsx';
import { ReuseView } from './views/reuse.tsx';
import { OutletsView, OutletView } from './views/outlets.tsx';
import { SearchView } from './views/search.tsx';
import { StoriesView } from './views/stories.tsx';
import { CasesView, CaseView } from './views/cases.tsx';
import { EntitiesView } from './views/entities.tsx';

const NAV: [string, string][] = [
  ['', 'Narratives'],
  ['stories', 'Stories'],
  ['articles', 'Articles'],
  ['outlets', 'Outlets'],
  ['entities', 'Entities'],
  ['cases', 'Debunks'],
];

export function App() {
  const route = useRoute();
  const stats = useStats();
  const search = useRef<HTMLInputElement>(null);
  const [view, id, id2] = route.parts;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement;
      const typing = t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT';
      if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey) {
        e.preventDefault();
        search.current?.focus();
        search.current?.select();
      } else if (e.key === 'Escape' && typing) t.blur();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    window.scrollTo(0, 0);
    if (search.current && view !== 'search') search.current.value = '';
  }, [view, id, id2]);

  const onSearch = (e: Event) => {
    e.preventDefault();
    const q = search.current?.value.trim();
    if (q) go(href('search', { q }));
  };

  let body;
  switch (view) {
    case undefined: body = <Home stats={stats} query={route.query} />; break;
    case 'articles': body = <ArticleList query={route.query} />; break;
    case 'article': body = <ArticleView id={id!} query={route.query} stats={stats} />; break;
    case 'reuse': body = <ReuseView a={id!} b={id2} />; break;
    case 'outlets': body = <OutletsView stats={stats} />; break;
    case 'outlet': body = <OutletView id={id!} />; break;
    case 'search': body = <SearchView query={route.query} />; break;
    case 'stories': body = <StoriesView query={route.query} stats={stats} />; break;
    case 'cases': body = <CasesView query={route.query} stats={stats} />; break;
    case 'case': body = <CaseView id={id!} />; break;
    case 'entities': body = <EntitiesView query={route.query} stats={stats} />; break;
    default: body = <div class="empty"><h1>Not found</h1><p>There is no view called “{view}”. <a href="#/">Go to the narratives</a>.</p></div>;
  }
  const current = view ?? '';
  return (
    <>
      <header class="top">
        <a class="brand" href="#/">echotrace</a>
        <nav aria-label="sections">
          {NAV.map(([to, label]) => (
            <a href={`#/${to}`} class={current === to || (to === 'articles' && current === 'article') || (to === 'outlets' && current === 'outlet') || (to === 'cases' && current === 'case') ? 'on' : ''}>{label}</a>
          ))}
        </nav>
        <form class="search" role="search" onSubmit={onSearch}>
          <input ref={search} type="search" name="q" placeholder="Search articles, people, outlets…  ( / )" aria-label="Search" defaultValue={view === 'search' ? route.query.get('q') ?? '' : ''} />
        </form>
      </header>
      <main id="main">{body}</main>
      <footer class="foot">
        {stats ? `${stats.articles.toLocaleString()} articles from ${stats.outlets} outlets${stats.earliest ? `, ${stats.earliest.slice(0, 10)} to ${stats.latest?.slice(0, 10)}` : ''} · ${stats.store} store` : ''}
        {' · '}<a href="/api/openapi.json">API</a>
      </footer>
    </>
  );
}
