export * from './tenancy.ts';
export * from './workflows.ts';
export * from './runs.ts';
export * from './executor.ts';
