import { api } from '../api/client';
import { inSinglePageMode } from '../platform/singlePage';
import { useQuery } from './useQuery';

/**
 * Who is using the page (account.whoami), for pages that offer signed-in actions; null for a visitor in
 * 朋友圈's single-page mode, who has no login to ask about (nothing is sent).
 */
export function useSignedInCaller() {
  return useQuery(() => (inSinglePageMode() ? Promise.resolve(null) : api.account.whoami({})), []);
}
