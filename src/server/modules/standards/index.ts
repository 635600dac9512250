// The standards module's public surface: the only file other modules import (docs/notes-lint.md).
export { standardsRoutes } from './routes';
export { effectiveCalendar, effectiveStandard, standardVersionById, type StandardVersionRow } from './repository';
export { startSweeper, sweepTimers } from './sweeper';
export { hashDefinition } from './library-cache';
export { pinnedStandard, type PinnedStandard } from './pinned';
export { endedLimits, type EndedLimit } from './limit-outcomes';
export { applyTimerActions, nextDueSql, relabelTimers, onEarliestDueChange, runningTimersOf, timerPhaseSql, snapshots, timersOf, type TimerRow, type TimerSubject } from './timer-store';
