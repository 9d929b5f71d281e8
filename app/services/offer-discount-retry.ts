/** When the offer discount's next write is due after failures (docs/decisions/021-offer-discount-sync.md). */

const FIRST_RETRY_MS = 60_000;
const LAST_RETRY_MS = 60 * 60_000;

/** The wait before retrying after `failures` consecutive failed writes: 1, 2, 4, … minutes, at most an hour. */
export function retryDelayMs(failures: number): number {
  const doublings = Math.max(0, Math.min(failures - 1, 16));
  return Math.min(FIRST_RETRY_MS * 2 ** doublings, LAST_RETRY_MS);
}
