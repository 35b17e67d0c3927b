export * from './implementation';
