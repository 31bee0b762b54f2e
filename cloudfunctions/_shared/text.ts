/** A user's text as a regular expression that matches it literally ("1+1" finds "1+1", ".*" only ".*"). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
