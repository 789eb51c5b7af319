export * from './tenancy.ts';
export * from './workflows.ts';
export * from './runs.ts';
export * from './executor.ts';
export * from './catalog.ts';
export * from './channels.ts';
export * from './audits.ts';
export * from './work.ts';
