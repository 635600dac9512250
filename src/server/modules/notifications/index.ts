// The notifications module's public surface: the only file other modules import (docs/notes-lint.md).
export { notificationRoutes } from './routes';
export { notifyRoles, notifyStaff, notifyUsers, usersWithRoles, type NotificationInput } from './commands/notify';
