export * from './check-mode';
export * from './route';
export * from './route-parent';
