export * from './types';
export * from './analyzer';
