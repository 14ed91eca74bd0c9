// What the browser tests touch inside the page, typed here: the root tsconfig has no DOM lib
// (the API, CLI and tests run in Node), and the viewer's own types need it. Callbacks given to
// page.evaluate read `globalThis as unknown as PageWindow`.

export interface PageQuaternion {
  x: number;
  y: number;
  z: number;
  w: number;
}

export interface PageObject3D {
  name: string;
  quaternion: PageQuaternion;
  traverse(visit: (node: PageObject3D) => void): void;
}

export interface PageCanvas {
  width: number;
  height: number;
  getContext(kind: '2d'): {
    drawImage(image: PageCanvas, x: number, y: number): void;
    getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
  } | null;
}

export interface PagePlaybackState {
  time: number;
  playing: boolean;
  speed: number;
  loop: boolean;
}

export interface PageViewer {
  panes: { label: string; rollout: { frameCount: number }; scene: PageObject3D }[];
  state: PagePlaybackState;
  timeline: { duration: number; frameTimes: ArrayLike<number>; chunkMarks: { length: number }[] };
  renderCount: number;
  drawTimes: number[];
  renderer: { domElement: PageCanvas };
  dispatch(command: { type: string; [key: string]: unknown }): void;
  renderNow(): void;
}

export interface PageWindow {
  __arenaReplay?: { viewer: PageViewer };
  document: {
    body: { dataset: Record<string, string | undefined> };
    createElement(tag: 'canvas'): PageCanvas;
  };
  requestAnimationFrame(callback: (now: number) => void): number;
}
