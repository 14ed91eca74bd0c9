// The rollout format and its importers: safe to load in Node (the API, the CLI) and in the browser.
// The three.js viewer is a separate entry point (./viewer), bundled for the browser only.
export * from './format/rollout.types';
export * from './format/rollout-problems';
export * from './format/validate-rollout';
export * from './format/rollout-json';
export * from './format/rollout-binary';
export * from './format/decode-rollout';
export * from './format/prepared-rollout';
export * from './importers/step-log';
export * from './importers/import-npz';
export * from './importers/import-csv';
export * from './importers/npz-file';
export * from './importers/nd-array';
export * from './robot/panda-arm';
export * from './artifacts/artifact-kinds';
