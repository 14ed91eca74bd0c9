import { Color, DirectionalLight, GridHelper, HemisphereLight, Scene } from 'three';
import { sampleIndexAt, type PreparedRollout } from '../../format/prepared-rollout';
import { ObjectsLayer } from './objects-layer';
import { RobotArm } from './robot-arm';
import { Trail } from './trail';

/**
 * One side of the side-by-side view: a scene with the arm, its trail and the objects of one
 * rollout. `showTime` moves everything to a time and says whether a redraw is needed.
 */
export class ReplayPane {
  readonly scene = new Scene();
  readonly arm: RobotArm;
  readonly trail: Trail;
  readonly objects: ObjectsLayer;
  /** Frame shown now (-1 before the first showTime). */
  frame = -1;

  constructor(
    readonly label: string,
    readonly rollout: PreparedRollout,
    trailColor: number,
    urdfText?: string,
  ) {
    this.scene.name = `pane:${label}`;
    this.scene.background = new Color(0xf3f4f6);
    this.scene.add(new HemisphereLight(0xffffff, 0x8d8d8d, 2.2));
    const sun = new DirectionalLight(0xffffff, 2.0);
    sun.position.set(2, -1.5, 3);
    this.scene.add(sun);
    // The format's frame is z-up (ROS); the grid lies in the robot's base plane.
    const grid = new GridHelper(2, 20, 0x9ca3af, 0xd1d5db);
    grid.rotateX(Math.PI / 2);
    this.scene.add(grid);
    this.arm = new RobotArm(rollout.robot, urdfText);
    this.trail = new Trail(rollout, this.arm, trailColor);
    this.objects = new ObjectsLayer(rollout.objects);
    this.scene.add(this.arm.robot, this.trail, this.objects);
  }

  /** `time` is on the shared timeline: seconds since this rollout's first frame. */
  showTime(time: number): boolean {
    const r = this.rollout;
    const t = r.start + time;
    const index = sampleIndexAt(r.t, t);
    let changed = this.objects.showTime(t);
    if (index !== this.frame) {
      this.frame = index;
      this.arm.setPose(r.q.subarray(index * r.dof, (index + 1) * r.dof), r.gripper?.[index]);
      this.trail.showUpTo(index);
      changed = true;
    }
    return changed;
  }

  dispose(): void {
    this.trail.dispose();
    this.objects.dispose();
  }
}
