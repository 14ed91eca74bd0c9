/**
 * Forward kinematics of a Panda-like 7-DoF arm (the joint origins of franka_description, the arm
 * the replay viewer draws), so simulated rollouts put the hand where the viewer shows it.
 */
type Vec3 = [number, number, number];
type Mat4 = number[];

const HALF_PI = Math.PI / 2;

export const PANDA_JOINT_NAMES = Array.from({ length: 7 }, (_, i) => `panda_joint${i + 1}`);
export const PANDA_LIMITS: readonly [number, number][] = [
  [-2.8973, 2.8973],
  [-1.7628, 1.7628],
  [-2.8973, 2.8973],
  [-3.0718, -0.0698],
  [-2.8973, 2.8973],
  [-0.0175, 3.7525],
  [-2.8973, 2.8973],
];
/** A comfortable start pose, hand above the table in front of the robot. */
export const PANDA_HOME: readonly number[] = [0, -0.785, 0, -2.356, 0, 1.571, 0.785];

const ORIGINS: readonly { xyz: Vec3; rpy: Vec3 }[] = [
  { xyz: [0, 0, 0.333], rpy: [0, 0, 0] },
  { xyz: [0, 0, 0], rpy: [-HALF_PI, 0, 0] },
  { xyz: [0, -0.316, 0], rpy: [HALF_PI, 0, 0] },
  { xyz: [0.0825, 0, 0], rpy: [HALF_PI, 0, 0] },
  { xyz: [-0.0825, 0.384, 0], rpy: [-HALF_PI, 0, 0] },
  { xyz: [0, 0, 0], rpy: [HALF_PI, 0, 0] },
  { xyz: [0.088, 0, 0], rpy: [HALF_PI, 0, 0] },
];
/** Flange (0.107 m) plus hand to the fingertips' centre (0.1034 m), along the last joint's z. */
const TCP_OFFSET = 0.2104;

function multiply(a: Mat4, b: Mat4): Mat4 {
  const out = new Array<number>(16).fill(0);
  for (let r = 0; r < 4; r++) {
    for (let c = 0; c < 4; c++) {
      let s = 0;
      for (let k = 0; k < 4; k++) s += a[r * 4 + k]! * b[k * 4 + c]!;
      out[r * 4 + c] = s;
    }
  }
  return out;
}

function originTransform(xyz: Vec3, rpy: Vec3): Mat4 {
  const [roll, pitch, yaw] = rpy;
  const [cr, sr, cp, sp, cy, sy] = [
    Math.cos(roll),
    Math.sin(roll),
    Math.cos(pitch),
    Math.sin(pitch),
    Math.cos(yaw),
    Math.sin(yaw),
  ];
  // R = Rz(yaw)·Ry(pitch)·Rx(roll), URDF's fixed-axis convention.
  // prettier-ignore
  return [
    cy * cp, cy * sp * sr - sy * cr, cy * sp * cr + sy * sr, xyz[0],
    sy * cp, sy * sp * sr + cy * cr, sy * sp * cr - cy * sr, xyz[1],
    -sp, cp * sr, cp * cr, xyz[2],
    0, 0, 0, 1,
  ];
}

function rotZ(theta: number): Mat4 {
  const c = Math.cos(theta);
  const s = Math.sin(theta);
  return [c, -s, 0, 0, s, c, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
}

const ORIGIN_MATRICES = ORIGINS.map((o) => originTransform(o.xyz, o.rpy));

/** Pose of the tool centre point: position (m) and roll, pitch, yaw (rad, extrinsic xyz). */
export function forwardKinematics(q: readonly number[]): { position: Vec3; rpy: Vec3 } {
  let t: Mat4 = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
  for (let i = 0; i < 7; i++) t = multiply(multiply(t, ORIGIN_MATRICES[i]!), rotZ(q[i] ?? 0));
  const position: Vec3 = [
    t[3]! + t[2]! * TCP_OFFSET,
    t[7]! + t[6]! * TCP_OFFSET,
    t[11]! + t[10]! * TCP_OFFSET,
  ];
  const rpy: Vec3 = [
    Math.atan2(t[9]!, t[10]!),
    Math.asin(-Math.max(-1, Math.min(1, t[8]!))),
    Math.atan2(t[4]!, t[0]!),
  ];
  return { position, rpy };
}

export function clampToLimits(q: readonly number[]): number[] {
  return q.map((v, i) => Math.min(PANDA_LIMITS[i]![1], Math.max(PANDA_LIMITS[i]![0], v)));
}

/**
 * One damped-least-squares step of the hand toward `target` (position only), with a numerical
 * Jacobian: enough to make simulated arms reach for objects plausibly.
 */
export function stepToward(q: readonly number[], target: Vec3, maxStep = 0.04): number[] {
  const here = forwardKinematics(q).position;
  const error: Vec3 = [target[0] - here[0], target[1] - here[1], target[2] - here[2]];
  const h = 1e-5;
  const jacobian: Vec3[] = q.map((_, j) => {
    const moved = [...q];
    moved[j] = moved[j]! + h;
    const p = forwardKinematics(moved).position;
    return [(p[0] - here[0]) / h, (p[1] - here[1]) / h, (p[2] - here[2]) / h];
  });
  // Δq = Jᵀ (J Jᵀ + λ²I)⁻¹ e, with a 3×3 solve.
  const lambda2 = 0.01;
  const jjt = [0, 1, 2].map((r) =>
    [0, 1, 2].map((c) => jacobian.reduce((s, col) => s + col[r]! * col[c]!, 0) + (r === c ? lambda2 : 0)),
  );
  const y = solve3(jjt, error);
  const dq = jacobian.map((col) => col[0] * y[0] + col[1] * y[1] + col[2] * y[2]);
  const norm = Math.hypot(...dq);
  const scale = norm > maxStep ? maxStep / norm : 1;
  return clampToLimits(q.map((v, j) => v + dq[j]! * scale));
}

function solve3(m: number[][], b: Vec3): Vec3 {
  const det = (a: number[][]) =>
    a[0]![0]! * (a[1]![1]! * a[2]![2]! - a[1]![2]! * a[2]![1]!) -
    a[0]![1]! * (a[1]![0]! * a[2]![2]! - a[1]![2]! * a[2]![0]!) +
    a[0]![2]! * (a[1]![0]! * a[2]![1]! - a[1]![1]! * a[2]![0]!);
  const d = det(m);
  const withColumn = (k: number) => m.map((row, r) => row.map((v, c) => (c === k ? b[r]! : v)));
  return [det(withColumn(0)) / d, det(withColumn(1)) / d, det(withColumn(2)) / d];
}
