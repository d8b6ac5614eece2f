export * from './errors';
export * from './mediasoup';
export * from './signaling';
export * from './sites';
