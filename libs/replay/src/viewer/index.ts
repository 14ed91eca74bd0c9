// The browser entry of the replay viewer (three.js, urdf-loader): bundled for the replay page.
export { ReplayViewer, type ReplayLane, type ReplayViewerOptions } from './replay-viewer';
export { startReplayPage, type ReplayPageHandle } from './replay-page';
export { decodeRollout } from '../format/decode-rollout';
export { prepareRollout } from '../format/prepared-rollout';
export { sampleRollout } from '../testing/sample-rollout';
