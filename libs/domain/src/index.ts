export * from './roles';
export * from './sites';
export * from './policy-version';
export * from './trial';
export * from './pairwise';
export * from './validation-error';
export * from './station';
export * from './api-views';
