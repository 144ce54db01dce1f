// Days as the service counts them: UTC calendar days written YYYY-MM-DD.

export const DAY_MILLIS = 86_400_000;

/** The UTC day of an instant (milliseconds). */
export const utcDay = (millis = Date.now()) => new Date(Math.floor(millis / DAY_MILLIS) * DAY_MILLIS).toISOString().slice(0, 10);

/** The day `count` days after `day` (before, when negative). */
export const addDays = (day, count) => utcDay(Date.parse(`${day}T00:00:00Z`) + count * DAY_MILLIS);

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from, to) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MILLIS);

/** The `count` UTC days that end with the day of `now`, oldest first. */
export const lastDays = (count, now = Date.now()) => Array.from({ length: count }, (_, index) => addDays(utcDay(now), index - count + 1));

/** The query of a range of days; an empty bound is left out. */
export function rangeQuery(from, to) {
  const query = new URLSearchParams();
  if (from) {
    query.set('from', from);
  }
  if (to) {
    query.set('to', to);
  }
  return query;
}

/** " (decided from 2026-11-01 until 2026-12-01)", one bound alone, or nothing for every decision. */
export const rangeText = (from, to) => (from || to
  ? ` (decided${from ? ` from ${from}` : ''}${to ? ` until ${to}` : ''})`
  : '');

/** How a revisit day stands against today: "due today", "due in 3 days", "2 days overdue". */
export function dueText(revisitOn, today = utcDay()) {
  const days = daysBetween(today, revisitOn);
  const plural = count => `${count} day${count === 1 ? '' : 's'}`;
  if (days === 0) {
    return 'due today';
  }
  return days > 0 ? `due in ${plural(days)}` : `${plural(-days)} overdue`;
}
