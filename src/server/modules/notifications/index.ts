// The notifications module's public surface: the only file other modules import (docs/notes-lint.md).
export { notificationRoutes } from './routes';
export { notifyRoles, notifyRolesMany, notifyStaff, notifyUsers, usersWithRoles, type NotificationInput, type RoleNotificationInput } from './commands/notify';
