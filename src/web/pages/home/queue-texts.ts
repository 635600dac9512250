import type { Locale } from '../../../common/locale';
import type { WorkQueue } from '../../../common/work-queues';

/** Names and one-line explanations of the home-page queues (also the filter tag of the order list). */
export const QUEUE_TEXTS: Record<Locale, Record<WorkQueue, { name: string; hint: string }>> = {
  'zh-CN': {
    new_today: { name: '今日新单', hint: '今天受理、尚未完工的工单' },
    awaiting_reply: { name: '待业主答复', hint: '等业主确认报价等答复，可由前台代为登记' },
    after_completion: { name: '待验收/回访', hint: '已完工，待登记业主验收、回访或跟进' },
    unassigned: { name: '待派单', hint: '还没有指派维修人员' },
    overdue: { name: '已超时', hint: '有时限已过仍在计时' },
    mine: { name: '我的在办', hint: '指派给我、尚未完工' },
    my_overdue: { name: '我的超时', hint: '指派给我且已超时' },
    appointments_today: { name: '今日预约', hint: '约定今天上门' },
    low_rating: { name: '近 30 天差评', hint: '业主评 1–2 分或不满意' },
  },
  'en-US': {
    new_today: { name: 'New today', hint: 'Taken in today, not yet done' },
    awaiting_reply: { name: 'Waiting for the owner', hint: 'The owner’s answer (e.g. to a quote); the desk may record it' },
    after_completion: { name: 'Acceptance and return visits', hint: 'Done; the owner’s acceptance, the return visit or the follow-up to record' },
    unassigned: { name: 'To dispatch', hint: 'No technician yet' },
    overdue: { name: 'Overdue', hint: 'A time limit has passed and still runs' },
    mine: { name: 'My open orders', hint: 'Assigned to me, not yet done' },
    my_overdue: { name: 'My overdue', hint: 'Assigned to me and overdue' },
    appointments_today: { name: 'Visits today', hint: 'Booked for today' },
    low_rating: { name: 'Low ratings, 30 days', hint: 'Rated 1–2 or not satisfied' },
  },
};

/** Queues where any count is bad news (shown in red). */
export const ALARM_QUEUES: ReadonlySet<WorkQueue> = new Set(['overdue', 'my_overdue', 'low_rating']);
