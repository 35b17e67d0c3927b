/**
 * The Gateway API v1.6.1 semantics core: pure functions over plain data, one module per spec concept. It imports
 * nothing from the rest of the project; the L2 constructs, the validation and analysis engines (and the routing
 * simulator) call it. Internal: not re-exported from the package entry point.
 */
export * from './names';
export * from './hostnames';
export * from './labels';
export * from './protocols';
export * from './attachment';
export * from './grants';
export * from './filters';
export * from './duration';
