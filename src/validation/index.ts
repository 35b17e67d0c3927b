export * from './types';
export * from './validator';
export * from './plugin';
