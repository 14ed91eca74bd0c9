import { ArenaApiError, ArenaClient, replayManifest, type ReplayManifest } from '@policy-arena/sdk';
import type { DiagnosticsView, PolicyReport, TrialPage, TrialSummary } from './browse-types';

/**
 * The API is served by the same origin as the app. The SDK calls `options.fetch` as a method of
 * its own, which a browser refuses for the window's fetch ("Illegal invocation"): hand it a
 * function that calls fetch plainly.
 */
export const publicClient = new ArenaClient({
  baseUrl: location.origin,
  fetch: (input, init) => fetch(input, init),
});

export const clientWithKey = (apiKey: string): ArenaClient => publicClient.as(apiKey);

const query = (params: Record<string, string | number | undefined>) => {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') search.set(k, String(v));
  return search.size > 0 ? `?${search}` : '';
};

async function get<T>(path: string): Promise<T> {
  return (await publicClient.request<T>('GET', path)).body;
}

export const browse = {
  trials: (filter: { q?: string; category?: string; policy?: string; limit?: number; offset?: number }) =>
    get<TrialPage>(`/api/v1/browse/trials${query(filter)}`),
  trial: (id: string) => get<TrialSummary>(`/api/v1/browse/trials/${encodeURIComponent(id)}`),
  policy: (handle: string) => get<PolicyReport>(`/api/v1/browse/policies/${encodeURIComponent(handle)}`),
  diagnostics: (category?: string) =>
    get<DiagnosticsView>(`/api/v1/browse/diagnostics${query({ category })}`),
  replay: (trialId: string): Promise<ReplayManifest> => replayManifest(publicClient, trialId),
};

/** A message for people: the API's own (it names the field and the problem), or the error's. */
export function describeError(error: unknown): string {
  if (error instanceof ArenaApiError) {
    if (error.status === 401) return 'This API key is not valid (or was revoked).';
    return error.body?.message ?? error.message;
  }
  if (error instanceof TypeError)
    return 'The platform cannot be reached. Check your connection and try again.';
  return error instanceof Error ? error.message : String(error);
}

/** The problems the API names per field (`body.progress` → `progress`). */
export function fieldProblems(error: unknown): Record<string, string> {
  if (!(error instanceof ArenaApiError)) return {};
  const out: Record<string, string> = {};
  for (const d of error.body?.details ?? []) {
    const field = d.field.replace(/^(body|query|params)\./, '');
    out[field] ??= d.problem;
  }
  return out;
}

export { ArenaApiError };
