import type { ReplayManifest } from '@policy-arena/sdk';
import { useEffect, useRef, useState } from 'preact/hooks';
import { describeError } from '../../api/client';

type ViewerModule = typeof import('@policy-arena/replay/viewer');
type Handle = Awaited<ReturnType<ViewerModule['startReplayPage']>>;

/**
 * The side-by-side 3D replay (libs/replay's viewer, with its videos and transport bar), loaded
 * on demand: three.js is a chunk of its own that only trial pages download.
 */
export function ReplayPanel({ trialId }: { trialId: string }) {
  const root = useRef<HTMLDivElement>(null);
  const [phase, setPhase] = useState<'loading' | 'ready' | 'error'>('loading');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let handle: Handle;
    let gone = false;
    document.body.dataset['replay'] = 'loading';
    import('@policy-arena/replay/viewer')
      // The viewer owns the element's children from here on (Preact renders none into it).
      .then((viewer) => (gone ? undefined : viewer.startReplayPage(root.current!, trialId)))
      .then(
        (h) => {
          handle = h;
          if (gone) h?.viewer.dispose();
          else setPhase('ready'); // without a handle the viewer wrote its own message
        },
        (e: unknown) => {
          if (gone) return;
          setError(describeError(e));
          setPhase('error');
          document.body.dataset['replay'] = 'error';
        },
      );
    return () => {
      gone = true;
      handle?.viewer.dispose();
      delete window.__arenaReplay;
      delete document.body.dataset['replay'];
    };
  }, [trialId]);
  return (
    <div class="replay-wrap">
      {phase === 'loading' && (
        <p class="message" role="status">
          Loading the rollouts…
        </p>
      )}
      {error && (
        <p class="message message-error" role="alert">
          The replay failed: {error}
        </p>
      )}
      <div ref={root} class="replay" role="region" aria-label="3D replay of both episodes, side by side" />
    </div>
  );
}

/** Videos of a trial that has no rollout to replay in 3D. */
export function VideoStrip({ manifest }: { manifest: ReplayManifest }) {
  const videos = manifest.episodes.flatMap((e) => e.videos.map((v) => ({ label: e.label, video: v })));
  if (videos.length === 0) return null;
  return (
    <div class="videos">
      {videos.map(({ label, video }) => (
        <figure key={video.id}>
          <video src={video.url} controls preload="metadata" playsInline crossOrigin="anonymous" />
          <figcaption>
            {label} · {video.name}
          </figcaption>
        </figure>
      ))}
    </div>
  );
}
