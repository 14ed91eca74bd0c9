export * from './arena-client';
export * from './arena-api-error';
export * from './api-types';
export * from './station-client';
export * from './artifacts';
export * from './policy-relay';
