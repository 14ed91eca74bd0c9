import type { RobotDescription, RobotJoint } from '../format/rollout.types';

/** The model id rollouts name to get the bundled arm (`robot.model`). */
export const PANDA_MODEL_ID = 'arena/panda-7dof';
export const PANDA_TCP_LINK = 'panda_tcp';
export const PANDA_FINGER_JOINTS = ['panda_finger_joint1', 'panda_finger_joint2'] as const;
/** Finger travel (m) at gripper value 0 (open); DROID logs 0 open … 1 closed. */
export const PANDA_FINGER_OPEN = 0.04;

interface ArmJoint extends RobotJoint {
  /** Joint origin in the parent link frame: x, y, z (m) and roll, pitch, yaw (rad). */
  xyz: [number, number, number];
  rpy: [number, number, number];
}

const HALF_PI = Math.PI / 2;

// The kinematics of a Franka Emika Panda (franka_description), the arm DROID and RoboArena use:
// with these origins a recorded joint_position[7] puts the hand where the real one was.
const arm: ArmJoint[] = [
  { name: 'panda_joint1', lower: -2.8973, upper: 2.8973, xyz: [0, 0, 0.333], rpy: [0, 0, 0] },
  { name: 'panda_joint2', lower: -1.7628, upper: 1.7628, xyz: [0, 0, 0], rpy: [-HALF_PI, 0, 0] },
  { name: 'panda_joint3', lower: -2.8973, upper: 2.8973, xyz: [0, -0.316, 0], rpy: [HALF_PI, 0, 0] },
  { name: 'panda_joint4', lower: -3.0718, upper: -0.0698, xyz: [0.0825, 0, 0], rpy: [HALF_PI, 0, 0] },
  { name: 'panda_joint5', lower: -2.8973, upper: 2.8973, xyz: [-0.0825, 0.384, 0], rpy: [-HALF_PI, 0, 0] },
  { name: 'panda_joint6', lower: -0.0175, upper: 3.7525, xyz: [0, 0, 0], rpy: [HALF_PI, 0, 0] },
  { name: 'panda_joint7', lower: -2.8973, upper: 2.8973, xyz: [0.088, 0, 0], rpy: [HALF_PI, 0, 0] },
];

export const pandaJoints: RobotJoint[] = arm.map(({ name, lower, upper }) => ({ name, lower, upper }));

export const pandaRobot = (): RobotDescription => ({
  model: PANDA_MODEL_ID,
  joints: pandaJoints.map((j) => ({ ...j })),
  gripper: { lower: 0, upper: 1 },
});

type Mat4 = number[]; // row-major 4×4

const multiply = (a: Mat4, b: Mat4): Mat4 => {
  const out = new Array<number>(16).fill(0);
  for (let r = 0; r < 4; r++)
    for (let c = 0; c < 4; c++) for (let k = 0; k < 4; k++) out[r * 4 + c]! += a[r * 4 + k]! * b[k * 4 + c]!;
  return out;
};

/** URDF origin: translation, then R = Rz(yaw)·Ry(pitch)·Rx(roll). */
function origin(xyz: readonly number[], rpy: readonly number[]): Mat4 {
  const [r, p, y] = rpy as [number, number, number];
  const [cr, sr] = [Math.cos(r), Math.sin(r)];
  const [cp, sp] = [Math.cos(p), Math.sin(p)];
  const [cy, sy] = [Math.cos(y), Math.sin(y)];
  // prettier-ignore
  return [
    cy * cp, cy * sp * sr - sy * cr, cy * sp * cr + sy * sr, xyz[0]!,
    sy * cp, sy * sp * sr + cy * cr, sy * sp * cr - cy * sr, xyz[1]!,
    -sp,     cp * sr,                cp * cr,                xyz[2]!,
    0,       0,                      0,                      1,
  ];
}

/**
 * Forward kinematics of the bundled arm: the tool centre point's pose in the base frame as the
 * format's `ee` (x, y, z, roll, pitch, yaw; extrinsic xyz), for the same joint positions the
 * viewer's URDF would show. Used to fill in `ee` for synthetic rollouts.
 */
export function pandaTcpPose(q: ArrayLike<number>): number[] {
  let t = origin([0, 0, 0], [0, 0, 0]);
  arm.forEach((joint, i) => {
    t = multiply(multiply(t, origin(joint.xyz, joint.rpy)), origin([0, 0, 0], [0, 0, q[i]!]));
  });
  t = multiply(t, origin([0, 0, 0.107], [0, 0, -Math.PI / 4]));
  t = multiply(t, origin([0, 0, 0.1034], [0, 0, 0]));
  const roll = Math.atan2(t[9]!, t[10]!);
  const pitch = Math.asin(Math.max(-1, Math.min(1, -t[8]!)));
  const yaw = Math.atan2(t[4]!, t[0]!);
  return [t[3]!, t[7]!, t[11]!, roll, pitch, yaw];
}

const fmt = (values: readonly number[]) => values.map((v) => Number(v.toFixed(6))).join(' ');

/** A cylinder from the link origin to `to` (URDF cylinders run along z: rotate z onto `to`). */
function segment(to: readonly number[], radius: number, material: string): string {
  const length = Math.hypot(to[0]!, to[1]!, to[2]!);
  const pitch = Math.acos(to[2]! / length);
  const yaw = Math.atan2(to[1]!, to[0]!);
  const mid = to.map((v) => v / 2);
  return `<visual><origin xyz="${fmt(mid)}" rpy="${fmt([0, pitch, yaw])}"/><geometry><cylinder radius="${radius}" length="${length.toFixed(6)}"/></geometry><material name="${material}"/></visual>`;
}

const sphere = (radius: number, material: string) =>
  `<visual><geometry><sphere radius="${radius}"/></geometry><material name="${material}"/></visual>`;

const box = (size: readonly number[], xyz: readonly number[], material: string) =>
  `<visual><origin xyz="${fmt(xyz)}"/><geometry><box size="${fmt(size)}"/></geometry><material name="${material}"/></visual>`;

/**
 * The bundled arm as URDF with primitive geometry only (no mesh files to fetch): a cylinder per
 * link between consecutive joints, a sphere at each joint, a hand with two prismatic fingers.
 */
export function pandaArmUrdf(): string {
  const links: string[] = [];
  const joints: string[] = [];
  for (let i = 0; i <= arm.length; i++) {
    const next = arm[i];
    const visuals = [sphere(i === 0 ? 0.09 : 0.065, i % 2 === 0 ? 'shell' : 'joint')];
    if (i === 0) visuals.push(segment([0, 0, 0.333], 0.075, 'shell'));
    else if (next && Math.hypot(...next.xyz) > 0) visuals.push(segment(next.xyz, 0.055, 'shell'));
    if (i === arm.length) visuals.push(segment([0, 0, 0.107], 0.045, 'shell'));
    links.push(`<link name="panda_link${i}">${visuals.join('')}</link>`);
    if (next) {
      joints.push(
        `<joint name="${next.name}" type="revolute"><parent link="panda_link${i}"/><child link="panda_link${i + 1}"/>` +
          `<origin xyz="${fmt(next.xyz)}" rpy="${fmt(next.rpy)}"/><axis xyz="0 0 1"/>` +
          `<limit lower="${next.lower}" upper="${next.upper}" effort="87" velocity="2.175"/></joint>`,
      );
    }
  }
  links.push(
    `<link name="panda_hand">${box([0.05, 0.2, 0.06], [0, 0, 0.03], 'joint')}</link>`,
    `<link name="panda_leftfinger">${box([0.02, 0.018, 0.05], [0, 0.009, 0.025], 'finger')}</link>`,
    `<link name="panda_rightfinger">${box([0.02, 0.018, 0.05], [0, -0.009, 0.025], 'finger')}</link>`,
    `<link name="${PANDA_TCP_LINK}"/>`,
  );
  joints.push(
    `<joint name="panda_hand_joint" type="fixed"><parent link="panda_link7"/><child link="panda_hand"/><origin xyz="0 0 0.107" rpy="0 0 ${-Math.PI / 4}"/></joint>`,
    `<joint name="${PANDA_FINGER_JOINTS[0]}" type="prismatic"><parent link="panda_hand"/><child link="panda_leftfinger"/><origin xyz="0 0 0.0584"/><axis xyz="0 1 0"/><limit lower="0" upper="${PANDA_FINGER_OPEN}" effort="20" velocity="0.2"/></joint>`,
    `<joint name="${PANDA_FINGER_JOINTS[1]}" type="prismatic"><parent link="panda_hand"/><child link="panda_rightfinger"/><origin xyz="0 0 0.0584"/><axis xyz="0 -1 0"/><limit lower="0" upper="${PANDA_FINGER_OPEN}" effort="20" velocity="0.2"/><mimic joint="${PANDA_FINGER_JOINTS[0]}"/></joint>`,
    `<joint name="panda_tcp_joint" type="fixed"><parent link="panda_hand"/><child link="${PANDA_TCP_LINK}"/><origin xyz="0 0 0.1034"/></joint>`,
  );
  const materials =
    '<material name="shell"><color rgba="0.92 0.92 0.94 1"/></material>' +
    '<material name="joint"><color rgba="0.25 0.27 0.3 1"/></material>' +
    '<material name="finger"><color rgba="0.15 0.15 0.17 1"/></material>';
  return `<?xml version="1.0"?><robot name="arena_panda">${materials}${links.join('')}${joints.join('')}</robot>`;
}
