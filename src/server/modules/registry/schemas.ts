// The registry's contracts live in src/common/registry-api.ts (shared with the console); the
// server's files keep importing them from here.
export * from '../../../common/registry-api';
