// The scoring rules live in src/common/quality/scoring.ts so the inspector's phone shows the same
// running score the server stores.
export * from '../../../common/quality/scoring';
