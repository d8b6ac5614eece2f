export * from './errors';
export * from './mediasoup';
export * from './signaling';
export * from './sites';
export * from './users';
export * from './directory';
export * from './meetings';
