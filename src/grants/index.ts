export * from './reference-grant';
export * from './reference-grants';
