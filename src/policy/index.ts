export * from './backend-tls-policy';
export * from './policy-attachment';
export * from './policy-target';
