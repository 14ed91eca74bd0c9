import { useEffect } from 'preact/hooks';

/** Sets the document title (what a screen reader announces after navigation). */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · policy-arena`;
  }, [title]);
}
