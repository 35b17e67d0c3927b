export * from './route';
export * from './route-parent';
