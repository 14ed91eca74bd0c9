import type { ReplayManifest } from '@policy-arena/domain';
import { decodeRollout } from '../format/decode-rollout';
import { prepareRollout, type PreparedRollout } from '../format/prepared-rollout';
import { readViewState, writeViewState } from './playback/view-state-url';
import { ReplayViewer, type ReplayLane } from './replay-viewer';

export interface ReplayPageHandle {
  viewer: ReplayViewer;
  manifest: ReplayManifest;
}

declare global {
  interface Window {
    /** The running replay, for the browser tests and for debugging from the console. */
    __arenaReplay?: ReplayPageHandle;
  }
}

async function fetchRollout(url: string): Promise<PreparedRollout> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`rollout download failed: ${response.status}`);
  return prepareRollout(decodeRollout(new Uint8Array(await response.arrayBuffer())));
}

function message(root: HTMLElement, text: string): void {
  const p = document.createElement('p');
  p.textContent = text;
  p.style.cssText = 'font:15px system-ui,sans-serif;padding:24px;color:#374151';
  root.replaceChildren(p);
}

/**
 * The replay page of a completed trial: reads the public manifest, downloads both rollouts
 * through their presigned URLs, and plays them side by side with their videos. The moment,
 * speed and loop live in the URL (`?t=12.5&speed=2`), so a link shows the same moment.
 */
export async function startReplayPage(
  root: HTMLElement,
  trialId: string,
  apiBase = '',
): Promise<ReplayPageHandle | undefined> {
  const response = await fetch(`${apiBase}/api/v1/trials/${trialId}/replay`);
  if (!response.ok) {
    message(
      root,
      response.status === 404
        ? 'No replay: this trial does not exist or is not completed yet.'
        : `The replay could not be loaded (${response.status}).`,
    );
    return undefined;
  }
  const manifest = (await response.json()) as ReplayManifest;
  const title = document.getElementById('arena-title');
  if (title) title.textContent = `“${manifest.instruction}”`;
  const withRollouts = manifest.episodes.filter((e) => e.rollout);
  if (withRollouts.length === 0) {
    message(root, 'No rollout was uploaded for this trial.');
    return undefined;
  }
  const lanes: ReplayLane[] = await Promise.all(
    withRollouts.map(async (e) => ({
      label: e.label,
      rollout: await fetchRollout(e.rollout!.url),
      videos: e.videos.map((v) => ({ camera: v.name, url: v.url })),
    })),
  );
  let lastUrl = '';
  const viewer = new ReplayViewer(root, {
    lanes,
    initial: readViewState(location.search),
    onStateChange: (state) => {
      // While playing, the URL follows only pauses and seeks; a link is for a moment.
      const search = writeViewState(location.search, { ...state, time: state.time });
      if (search !== lastUrl) {
        lastUrl = search;
        history.replaceState(null, '', `${location.pathname}${search}${location.hash}`);
      }
    },
  });
  const handle = { viewer, manifest };
  window.__arenaReplay = handle;
  document.body.dataset['replay'] = 'ready';
  return handle;
}
