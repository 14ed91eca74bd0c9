export const loadViewer = () => import('@policy-arena/replay/viewer');
