// The fees module's public surface: the only file other modules import (docs/notes-lint.md).
export { feeRoutes } from './routes';
export { createFeeItem, addFeeItemVersion } from './commands/fee-items';
export { runBills, reverseBillRun } from './commands/bill-runs';
export { takePayment, voidPayment } from './commands/payments';
export { postEntry, reverseEntry } from './commands/entries';
export { closePeriod } from './commands/close-period';
export { unitAccount } from './commands/accounts';
export { chargeRepair, type RepairCharge } from './commands/repair-charge';
export { startFeeReminderJob, runFeeReminders } from './reminders';
export { startLateFeeJob, runLateFees } from './late-fees';
export { registerFeeHandoverIncludes } from './handover';
export { seedDemoFees } from './demo';
