export * from './types';
export * from './validator';
export * from './synth';
export * from './plugin';
