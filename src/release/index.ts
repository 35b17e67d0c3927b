export * from './canary-route';
