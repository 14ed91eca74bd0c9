import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { page: 'leaderboard' }
  | { page: 'trials' }
  | { page: 'trial'; trialId: string }
  | { page: 'policy'; handle: string }
  | { page: 'evaluate' }
  | { page: 'research' }
  | { page: 'not-found' };

export function parseRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { page: 'leaderboard' };
  if (parts[0] === 'trials' && parts.length === 1) return { page: 'trials' };
  if (parts[0] === 'trials' && parts.length === 2) return { page: 'trial', trialId: parts[1]! };
  if (parts[0] === 'policies' && parts.length === 2) return { page: 'policy', handle: parts[1]! };
  if (parts[0] === 'evaluate' && parts.length === 1) return { page: 'evaluate' };
  if (parts[0] === 'research' && parts.length === 1) return { page: 'research' };
  return { page: 'not-found' };
}

const listeners = new Set<() => void>();

/** Goes to an app path without a reload (`replace` for filter changes that need no history entry). */
export function navigate(href: string, options: { replace?: boolean } = {}): void {
  if (href === `${location.pathname}${location.search}`) return;
  if (options.replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  for (const l of listeners) l();
}

/** The current location, re-rendered on navigation and on back/forward. */
export function useLocation(): { pathname: string; search: string } {
  const [, setTick] = useState(0);
  useEffect(() => {
    const update = () => setTick((t) => t + 1);
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return { pathname: location.pathname, search: location.search };
}

/** Plain links to app paths navigate in place; new tabs, downloads and /api links are left alone. */
export function interceptLinks(root: HTMLElement): void {
  root.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = (event.target as Element | null)?.closest('a');
    if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
    const url = new URL(anchor.href, location.href);
    if (url.origin !== location.origin) return;
    if (parseRoute(url.pathname).page === 'not-found') return;
    event.preventDefault();
    navigate(`${url.pathname}${url.search}`);
  });
}

export const policyHref = (handle: string) => `/policies/${encodeURIComponent(handle)}`;
export const trialHref = (trialId: string) => `/trials/${encodeURIComponent(trialId)}`;
