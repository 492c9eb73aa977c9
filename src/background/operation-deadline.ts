import type { Operation } from '../shared/storage/operation-state';
import type { BackgroundApi } from './extension-api';
import { earliestDeadline } from './operation-lifecycle';

/**
 * The watchdog of the operation in flight: a timer, exact while the worker runs, and an alarm that survives
 * the worker being stopped (`background.ts` hands the alarm back as `expireIfOverdue`).
 */

export const deadlineAlarm = 'operation-deadline';
/** Fired a little after the deadline, so the operation is overdue when it is looked at. */
const lateByMs = 50;

export function createOperationDeadline(api: BackgroundApi, now: () => number, onDue: () => Promise<void>) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    arm(operation: Operation): void {
      const deadlineAt = earliestDeadline(operation);
      clearTimeout(timer);
      timer = setTimeout(() => void onDue(), Math.max(0, deadlineAt - now()) + lateByMs);
      void api.alarms.create(deadlineAlarm, { when: deadlineAt + lateByMs });
    },
    async clear(): Promise<void> {
      clearTimeout(timer);
      await api.alarms.clear(deadlineAlarm);
    },
  };
}

export type OperationDeadline = ReturnType<typeof createOperationDeadline>;
