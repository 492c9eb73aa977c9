/**
 * Every change of an operation's state runs through one of these, one at a time: two tabs reporting at
 * once cannot start two operations, and a task that fails does not stop the ones after it.
 */
export function createOneAtATime() {
  let queue: Promise<unknown> = Promise.resolve();
  return function oneAtATime<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };
}

export type OneAtATime = ReturnType<typeof createOneAtATime>;
