export * from './random';
export * from './kinematics';
export * from './world';
export * from './sim-policy';
export * from './sim-episode';
export * from './judge';
export * from './offline-trial';
