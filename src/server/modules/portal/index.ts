// The portal module's public surface: the only file other modules import (docs/notes-lint.md).
// Nothing of the portal is used by another module; the app mounts its routes and its consent gate.
export { portalRoutes } from './routes';
export { removePortalIdentity } from './erase';
export { installPrivacyConsentGate } from './consent-gate';
