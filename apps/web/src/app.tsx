import { useEffect, useRef } from 'preact/hooks';
import { EvaluatorConsole } from './pages/evaluate/evaluator-console';
import { LeaderboardPage } from './pages/leaderboard/leaderboard-page';
import { PolicyPage } from './pages/policy/policy-page';
import { ResearcherConsole } from './pages/research/researcher-console';
import { TrialBrowserPage } from './pages/trials/trial-browser-page';
import { TrialPage } from './pages/trials/trial-page';
import { parseRoute, useLocation, type Route } from './router';

const NAV: { href: string; label: string; pages: Route['page'][] }[] = [
  { href: '/', label: 'Leaderboard', pages: ['leaderboard', 'policy'] },
  { href: '/trials', label: 'Trials', pages: ['trials', 'trial'] },
  { href: '/evaluate', label: 'Evaluate', pages: ['evaluate'] },
  { href: '/research', label: 'Research', pages: ['research'] },
];

function Page({ route, search }: { route: Route; search: string }) {
  switch (route.page) {
    case 'leaderboard':
      return <LeaderboardPage search={search} />;
    case 'trials':
      return <TrialBrowserPage search={search} />;
    case 'trial':
      return <TrialPage trialId={route.trialId} />;
    case 'policy':
      return <PolicyPage handle={route.handle} />;
    case 'evaluate':
      return <EvaluatorConsole />;
    case 'research':
      return <ResearcherConsole />;
    case 'not-found':
      return (
        <>
          <h1>Not found</h1>
          <p>
            There is no page here. Go to the <a href="/">leaderboard</a>.
          </p>
        </>
      );
  }
}

export function App() {
  const { pathname, search } = useLocation();
  const route = parseRoute(pathname);
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  // After an in-app navigation, move focus to the new page, as a page load would.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
    window.scrollTo(0, 0);
  }, [pathname]);
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="site-header">
        <a class="brand" href="/">
          policy-arena
        </a>
        <nav aria-label="Main">
          <ul>
            {NAV.map((item) => (
              <li key={item.href}>
                <a href={item.href} aria-current={item.pages.includes(route.page) ? 'page' : undefined}>
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" ref={main} tabIndex={-1} key={pathname}>
        <Page route={route} search={search} />
      </main>
      <footer class="site-footer">
        <a href="/api/docs">API documentation</a> · <a href="/api/v1/export/trials.jsonl">Open data</a>
      </footer>
    </>
  );
}
