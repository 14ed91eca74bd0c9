import type { PublicPolicyVersionView } from '@policy-arena/domain';
import { useState } from 'preact/hooks';
import type { TrialSummary } from '../../api/browse-types';
import { browse, describeError, publicClient } from '../../api/client';
import { ErrorMessage, Loading } from '../../components/messages';
import { usePageTitle } from '../../components/page-title';
import { useAsync } from '../../components/use-async';
import { navigate } from '../../router';
import { TrialList } from './trial-list';

const PAGE = 25;

interface TrialFilter {
  q: string;
  category: string;
  policy: string;
}

function readFilter(search: string): TrialFilter {
  const p = new URLSearchParams(search);
  return { q: p.get('q') ?? '', category: p.get('category') ?? '', policy: p.get('policy') ?? '' };
}

function hrefFor(f: TrialFilter): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) p.set(k, v);
  return p.size > 0 ? `/trials?${p}` : '/trials';
}

/** Completed trials: search the instructions, filter by category and policy; the filter is in the URL. */
export function TrialBrowserPage({ search }: { search: string }) {
  usePageTitle('Trials');
  const filter = readFilter(search);
  const [q, setQ] = useState(filter.q);
  const [more, setMore] = useState<TrialSummary[]>([]);
  const [moreError, setMoreError] = useState<string | null>(null);
  const [page] = useAsync(() => {
    setMore([]);
    return browse.trials({ ...filter, limit: PAGE });
  }, [filter.q, filter.category, filter.policy]);
  const [options] = useAsync(
    () =>
      Promise.all([browse.diagnostics(), publicClient.listPolicyVersions()]).then(([d, v]) => ({
        categories: d.categories,
        versions: v as PublicPolicyVersionView[],
      })),
    [],
  );
  const apply = (next: Partial<TrialFilter>) =>
    navigate(hrefFor({ ...filter, q, ...next }), { replace: true });
  const loaded = [...(page.value?.trials ?? []), ...more];
  const loadMore = async () => {
    setMoreError(null);
    try {
      const next = await browse.trials({ ...filter, limit: PAGE, offset: loaded.length });
      setMore((m) => [...m, ...next.trials]);
    } catch (e) {
      setMoreError(describeError(e));
    }
  };
  const names = [...new Set((options.value?.versions ?? []).map((v) => v.name))].sort();
  return (
    <>
      <h1>Trials</h1>
      <form
        class="controls filters"
        role="search"
        aria-label="Trials"
        onSubmit={(e) => {
          e.preventDefault();
          apply({});
        }}
      >
        <div class="field grow">
          <label for="trial-q">Instruction contains</label>
          <input
            id="trial-q"
            type="search"
            name="q"
            value={q}
            placeholder="e.g. red cup"
            onInput={(e) => setQ(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="trial-category">Category</label>
          <select
            id="trial-category"
            name="category"
            value={filter.category}
            onChange={(e) => apply({ category: e.currentTarget.value })}
          >
            <option value="">Any category</option>
            {[
              ...new Set([
                ...(options.value?.categories ?? []),
                ...(filter.category ? [filter.category] : []),
              ]),
            ].map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="trial-policy">Policy</label>
          <select
            id="trial-policy"
            name="policy"
            value={filter.policy}
            onChange={(e) => apply({ policy: e.currentTarget.value })}
          >
            <option value="">Any policy</option>
            {filter.policy &&
              !names.includes(filter.policy) &&
              !options.value?.versions.some((v) => v.handle === filter.policy) && (
                <option value={filter.policy}>{filter.policy}</option>
              )}
            {names.map((name) => (
              <optgroup key={name} label={name}>
                <option value={name}>{name} (every version)</option>
                {options
                  .value!.versions.filter((v) => v.name === name)
                  .map((v) => (
                    <option key={v.handle} value={v.handle}>
                      {v.handle}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </div>
        <button type="submit">Search</button>
      </form>
      {page.status === 'error' && <ErrorMessage error={page.error} />}
      {!page.value && page.status === 'loading' && <Loading what="trials" />}
      {page.value && (
        <section aria-labelledby="results-title" aria-busy={page.status === 'loading'}>
          <h2 id="results-title" class="visually-hidden">
            Results
          </h2>
          <p class="results-count" role="status">
            {page.value.total === 0
              ? 'No completed trial matches.'
              : `${page.value.total} completed ${page.value.total === 1 ? 'trial' : 'trials'}`}
          </p>
          <TrialList trials={loaded} />
          {moreError && <ErrorMessage>{moreError}</ErrorMessage>}
          {loaded.length < page.value.total && (
            <button type="button" class="secondary" onClick={loadMore}>
              Show more trials
            </button>
          )}
        </section>
      )}
    </>
  );
}
