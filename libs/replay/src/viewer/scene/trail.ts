import { BufferAttribute, BufferGeometry, Line, LineBasicMaterial, Vector3 } from 'three';
import type { PreparedRollout } from '../../format/prepared-rollout';
import type { RobotArm } from './robot-arm';

/**
 * The end-effector's path up to the shown frame: one line over every frame, of which only the
 * first `index + 1` points are drawn, so moving in time changes a draw range, not a buffer.
 */
export class Trail extends Line<BufferGeometry, LineBasicMaterial> {
  private shown = -1;

  constructor(rollout: PreparedRollout, arm: RobotArm, color: number) {
    const positions = new Float32Array(rollout.frameCount * 3);
    if (rollout.ee) {
      for (let i = 0; i < rollout.frameCount; i++)
        positions.set(rollout.ee.subarray(i * 6, i * 6 + 3), i * 3);
    } else {
      // No logged pose: forward kinematics through the arm's own scene graph.
      const p = new Vector3();
      for (let i = 0; i < rollout.frameCount; i++) {
        arm.setPose(rollout.q.subarray(i * rollout.dof, (i + 1) * rollout.dof), undefined);
        arm.tcpPosition(p).toArray(positions, i * 3);
      }
    }
    const geometry = new BufferGeometry();
    geometry.setAttribute('position', new BufferAttribute(positions, 3));
    geometry.setDrawRange(0, 0);
    super(geometry, new LineBasicMaterial({ color }));
    this.name = 'ee-trail';
    this.frustumCulled = false;
  }

  /** Shows the path up to frame `index`; true when that changed what is drawn. */
  showUpTo(index: number): boolean {
    if (index === this.shown) return false;
    this.shown = index;
    this.geometry.setDrawRange(0, index + 1);
    return true;
  }

  override dispose(): void {
    this.geometry.dispose();
    this.material.dispose();
    super.dispose();
  }
}
