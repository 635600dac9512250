// The assets module's public surface: the only file other modules import (docs/kernel/boundaries.md).
// Planned maintenance will read assets through functions added here (a plan per asset through the
// kernel's plan generator), never through its tables.
export { assetRoutes } from './routes';
export { registerAssetAuditEntities } from './audit-entities';
export { seedDemoAssets } from './demo';
