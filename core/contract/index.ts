export * from './errors';
export * from './events';
export * from './session';
export * from './search';
export * from './desktop';
