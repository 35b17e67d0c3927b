export * from './grant-types';
export * from './reference-grant';
export * from './reference-grants';
