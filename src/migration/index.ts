export * from './model';
export * from './migrate';
export { slug } from './ingress';
