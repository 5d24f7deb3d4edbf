/** Time comes in through a port so schedules, dates and reminders can be tested at any moment. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
