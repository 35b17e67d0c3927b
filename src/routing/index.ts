export * from './types';
export * from './result';
export * from './simulator';
