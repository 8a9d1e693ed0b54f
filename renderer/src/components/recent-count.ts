/**
 * The dashboard's "Recent recordings" count, saying of the finished recordings what the card
 * lists: "2 in all" only when it lists all of them, else "the latest 10 of 37". `total` counts
 * every session (those in progress too, which the card above lists instead).
 */
export function recentCountText(shown: number, total: number, inProgress: number): string {
  const finished = Math.max(shown, total - inProgress);
  return shown >= finished ? `${finished} in all` : `the latest ${shown} of ${finished}`;
}
