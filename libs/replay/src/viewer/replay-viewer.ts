import { PerspectiveCamera, Vector3, WebGLRenderer } from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import type { PreparedRollout } from '../format/prepared-rollout';
import { bindKeyboard } from './controls/keyboard';
import { TransportBar } from './controls/transport-bar';
import {
  applyCommand,
  initialPlayback,
  type PlaybackCommand,
  type PlaybackState,
} from './playback/playback-machine';
import { createTimeline, type Timeline } from './playback/timeline';
import { ReplayPane } from './scene/replay-pane';
import { VideoSync, type SyncedVideo } from './video-sync';

export interface ReplayLane {
  label: string;
  rollout: PreparedRollout;
  videos?: { camera: string; url: string }[];
}

export interface ReplayViewerOptions {
  lanes: ReplayLane[];
  initial?: Partial<PlaybackState>;
  /** Called after every change of the playback state (to update a URL, for instance). */
  onStateChange?: (state: PlaybackState) => void;
  /** Listen to keyboard shortcuts on the window (default true). */
  keyboard?: boolean;
}

const TRAIL_COLORS = [0x2563eb, 0xea580c];

/**
 * Two (or more) rollouts side by side on one timeline. One WebGL canvas, one viewport per lane,
 * one camera shared by all so they are seen from the same place. Nothing is drawn unless
 * something changed: a new frame in some lane, the camera, the size. While playing, the
 * animation loop runs, but a 15 Hz rollout is redrawn 15 times a second, not 60.
 */
export class ReplayViewer {
  readonly panes: ReplayPane[];
  readonly timeline: Timeline;
  readonly renderer: WebGLRenderer;
  readonly camera = new PerspectiveCamera(40, 1, 0.01, 50);
  readonly controls: OrbitControls;
  readonly transport: TransportBar;
  state: PlaybackState;
  /** Frames actually drawn since the start (what "redraw only when changed" is measured by). */
  renderCount = 0;
  /** How long each of the last draws took (ms), for the benchmark. */
  readonly drawTimes: number[] = [];

  private readonly stage: HTMLDivElement;
  private readonly videoSync: VideoSync;
  private dirty = true;
  private frameRequested = false;
  private lastFrameAt: number | undefined;
  private readonly cleanups: (() => void)[] = [];

  constructor(
    readonly root: HTMLElement,
    private readonly options: ReplayViewerOptions,
  ) {
    this.panes = options.lanes.map(
      (lane, i) => new ReplayPane(lane.label, lane.rollout, TRAIL_COLORS[i % 2]!),
    );
    this.timeline = createTimeline(options.lanes.map((l) => l.rollout));
    this.state = { ...initialPlayback, ...options.initial };
    this.state.time = Math.min(Math.max(0, this.state.time), this.timeline.duration);

    root.replaceChildren();
    root.style.cssText += ';display:flex;flex-direction:column;min-height:0';
    this.stage = document.createElement('div');
    this.stage.style.cssText = 'position:relative;flex:1;min-height:240px';
    this.renderer = new WebGLRenderer({ antialias: true });
    this.renderer.setPixelRatio(Math.min(devicePixelRatio, 2));
    this.renderer.setScissorTest(true);
    this.renderer.domElement.style.cssText = 'position:absolute;inset:0;width:100%;height:100%;display:block';
    this.stage.append(this.renderer.domElement);
    options.lanes.forEach((lane, i) => {
      const tag = document.createElement('div');
      tag.textContent = lane.label;
      tag.style.cssText = `position:absolute;top:8px;left:calc(${(100 * i) / options.lanes.length}% + 12px);font:600 20px system-ui,sans-serif;color:#${TRAIL_COLORS[i % 2]!.toString(16).padStart(6, '0')}`;
      this.stage.append(tag);
    });
    root.append(this.stage);

    const synced: SyncedVideo[] = [];
    const strip = document.createElement('div');
    strip.style.cssText = 'display:flex;gap:8px;padding:4px 12px;background:#fff';
    options.lanes.forEach((lane) => {
      for (const video of lane.videos ?? []) {
        const element = document.createElement('video');
        element.src = video.url;
        element.muted = true;
        element.playsInline = true;
        element.preload = 'auto';
        element.crossOrigin = 'anonymous';
        element.title = `${lane.label} · ${video.camera}`;
        element.dataset['lane'] = lane.label;
        element.style.cssText = 'height:144px;background:#000';
        element.addEventListener('loadedmetadata', () => this.videoSync.update(this.state));
        strip.append(element);
        const offset = lane.rollout.videos.find((v) => v.camera === video.camera)?.offset ?? 0;
        synced.push({ element, start: lane.rollout.start, offset });
      }
    });
    if (synced.length > 0) root.append(strip);
    this.videoSync = new VideoSync(synced);

    this.transport = new TransportBar(
      this.timeline,
      options.lanes.map((l) => l.label),
      (c) => this.dispatch(c),
    );
    root.append(this.transport.root);

    // z-up, like the robot: orbit around the workspace in front of the base.
    this.camera.up.set(0, 0, 1);
    this.camera.position.set(1.55, -1.35, 1.05);
    this.controls = new OrbitControls(this.camera, this.renderer.domElement);
    this.controls.target.copy(new Vector3(0.35, 0, 0.3));
    this.controls.update();
    const onCamera = () => this.invalidate();
    this.controls.addEventListener('change', onCamera);
    this.cleanups.push(() => this.controls.removeEventListener('change', onCamera));

    const resize = new ResizeObserver(() => {
      this.resize();
      this.transport.drawMarks();
    });
    resize.observe(this.stage);
    this.cleanups.push(() => resize.disconnect());
    if (options.keyboard !== false) {
      this.cleanups.push(
        bindKeyboard(
          window,
          (c) => this.dispatch(c),
          () => ({ state: this.state, duration: this.timeline.duration }),
        ),
      );
    }
    this.resize();
    this.transport.show(this.state);
    this.transport.drawMarks();
    this.invalidate();
    if (this.state.playing) this.schedule();
  }

  /** Every change of time, speed, loop or play state goes through here. */
  dispatch(command: PlaybackCommand): void {
    const transition = applyCommand(this.state, command, this.timeline);
    if (!transition.changed) return;
    const wasPlaying = this.state.playing;
    this.state = transition.state;
    // A new time is drawn only if some lane reaches another frame (decided in draw()).
    if (transition.timeChanged) this.schedule();
    if (this.state.playing && !wasPlaying) {
      this.lastFrameAt = undefined;
      this.schedule();
    }
    this.transport.show(this.state);
    this.videoSync.update(this.state);
    if (command.type !== 'advance' || !this.state.playing) this.options.onStateChange?.(this.state);
  }

  /** Ask for a redraw at the next animation frame (coalesced). */
  invalidate(): void {
    this.dirty = true;
    this.schedule();
  }

  /** Moves every lane to the current time and draws now, synchronously (tests read pixels after it). */
  renderNow(): void {
    this.draw(true);
  }

  dispose(): void {
    for (const cleanup of this.cleanups) cleanup();
    this.controls.dispose();
    for (const pane of this.panes) pane.dispose();
    this.renderer.dispose();
    this.root.replaceChildren();
  }

  private schedule(): void {
    if (this.frameRequested) return;
    this.frameRequested = true;
    requestAnimationFrame(this.onFrame);
  }

  private readonly onFrame = (now: number): void => {
    this.frameRequested = false;
    if (this.state.playing) {
      if (this.lastFrameAt !== undefined)
        this.dispatch({ type: 'advance', seconds: (now - this.lastFrameAt) / 1000 });
      this.lastFrameAt = now;
    }
    this.draw(false);
    if (this.state.playing) this.schedule();
  };

  private draw(force: boolean): void {
    let changed = force || this.dirty;
    for (const pane of this.panes) if (pane.showTime(this.state.time)) changed = true;
    this.dirty = false;
    if (!changed) return;
    const started = performance.now();
    const { width, height } = this.renderer.domElement;
    const ratio = this.renderer.getPixelRatio();
    const w = width / ratio / this.panes.length;
    const h = height / ratio;
    this.camera.aspect = w / Math.max(1, h);
    this.camera.updateProjectionMatrix();
    this.panes.forEach((pane, i) => {
      this.renderer.setViewport(i * w, 0, w, h);
      this.renderer.setScissor(i * w, 0, w, h);
      this.renderer.render(pane.scene, this.camera);
    });
    this.renderCount++;
    this.drawTimes.push(performance.now() - started);
    if (this.drawTimes.length > 600) this.drawTimes.shift();
  }

  private resize(): void {
    const { clientWidth, clientHeight } = this.stage;
    this.renderer.setSize(Math.max(1, clientWidth), Math.max(1, clientHeight), false);
    this.invalidate();
  }
}
