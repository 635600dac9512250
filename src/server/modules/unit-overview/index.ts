// A unit's 360° page: composes the registry, the work orders and the gate through their index.ts.
// No other module imports it; the app mounts its route.
export { unitOverviewRoutes } from './routes';
