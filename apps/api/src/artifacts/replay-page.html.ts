const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** The replay page: a shell that loads the bundled viewer, which fetches the trial's manifest itself. */
export function replayPageHtml(trialId: string, viewerVersion: string): string {
  const id = escapeHtml(trialId);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Replay of trial ${id} · policy-arena</title>
<style>
  html, body { margin: 0; height: 100%; }
  body { display: flex; flex-direction: column; font: 14px system-ui, sans-serif; color: #111827; background: #f9fafb; }
  header { padding: 8px 12px; border-bottom: 1px solid #e5e7eb; background: #fff; display: flex; gap: 8px; align-items: baseline; }
  header code { color: #6b7280; }
  #replay { flex: 1; display: flex; flex-direction: column; min-height: 0; }
</style>
</head>
<body data-replay="loading">
<header><strong>policy-arena replay</strong><code>${id}</code><span id="arena-title"></span></header>
<main id="replay"><p style="padding:24px">Loading the rollouts…</p></main>
<script type="module">
  import { startReplayPage } from '/replay/assets/viewer.js?v=${viewerVersion}';
  const root = document.getElementById('replay');
  startReplayPage(root, '${id}').catch((error) => {
    root.textContent = 'The replay failed: ' + error.message;
    document.body.dataset.replay = 'error';
  });
</script>
</body>
</html>
`;
}

export function notFoundHtml(trialId: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>No replay · policy-arena</title></head>
<body style="font:15px system-ui,sans-serif;padding:24px"><p>No replay for trial <code>${escapeHtml(trialId)}</code>: it does not exist or is not completed yet.</p></body></html>
`;
}
