import { Vector3 } from 'three';
import URDFLoader from 'urdf-loader';
// The package's index typings re-export these without a file extension, which node16 resolution rejects.
import type { URDFJoint, URDFRobot } from 'urdf-loader/src/URDFClasses.js';
import type { RobotDescription } from '../../format/rollout.types';
import { PANDA_FINGER_JOINTS, PANDA_FINGER_OPEN, PANDA_TCP_LINK, pandaArmUrdf } from '../../robot/panda-arm';

/**
 * The robot of one rollout as a urdf-loader Object3D tree. Recorded joint positions are applied
 * as they are, limits ignored: a replay shows what the robot did, not what its model allows.
 */
export class RobotArm {
  readonly robot: URDFRobot;
  /** The URDF joint driven by each entry of the rollout's `q`. */
  readonly joints: URDFJoint[];
  private readonly fingers: URDFJoint | undefined;
  private readonly tcp: URDFRobot['frames'][string] | undefined;
  private readonly gripperRange: { lower: number; upper: number };

  constructor(description: RobotDescription, urdfText = pandaArmUrdf()) {
    const loader = new URDFLoader();
    loader.parseCollision = false;
    this.robot = loader.parse(urdfText);
    const movable = Object.values(this.robot.joints).filter(
      (j) =>
        j.jointType !== 'fixed' &&
        !(PANDA_FINGER_JOINTS as readonly string[]).includes(j.name) &&
        !('mimicJoint' in j && (j as { mimicJoint?: string }).mimicJoint),
    );
    // By name when the URDF has the rollout's joint names, otherwise in order.
    this.joints = description.joints
      .map((joint, i) => this.robot.joints[joint.name] ?? movable[i]!)
      .filter(Boolean);
    for (const joint of this.joints) joint.ignoreLimits = true;
    this.fingers = this.robot.joints[PANDA_FINGER_JOINTS[0]];
    this.tcp = this.robot.frames[PANDA_TCP_LINK] ?? this.robot.links[PANDA_TCP_LINK];
    this.gripperRange = description.gripper ?? { lower: 0, upper: 1 };
  }

  /** Sets the joints (and fingers); true when anything moved. */
  setPose(q: ArrayLike<number>, gripper: number | undefined): boolean {
    let changed = false;
    for (let i = 0; i < this.joints.length; i++) {
      if (this.joints[i]!.setJointValue(q[i]!)) changed = true;
    }
    if (gripper !== undefined && this.fingers) {
      const { lower, upper } = this.gripperRange;
      const closed = upper > lower ? Math.min(1, Math.max(0, (gripper - lower) / (upper - lower))) : 0;
      if (this.fingers.setJointValue(PANDA_FINGER_OPEN * (1 - closed))) changed = true;
    }
    return changed;
  }

  /** Where the tool centre point is, in the robot base frame (for the trail when no ee pose was logged). */
  tcpPosition(out = new Vector3()): Vector3 {
    if (!this.tcp) return out.set(0, 0, 0);
    this.robot.updateMatrixWorld(true);
    this.tcp.getWorldPosition(out);
    return this.robot.worldToLocal(out);
  }
}
