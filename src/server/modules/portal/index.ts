// The portal module's public surface: the only file other modules import (docs/notes-lint.md).
// The app mounts its routes and its consent gate; the test factories record a resident's consent.
export { portalRoutes } from './routes';
export { removePortalIdentity } from './erase';
export { installPrivacyConsentGate } from './consent-gate';
export { acceptPrivacyNotice } from './repository';
