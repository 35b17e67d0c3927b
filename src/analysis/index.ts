export * from './types';
export * from './analyzer';
export * from './synth';
