import { useDidShow } from '@tarojs/taro';
import { useEffect } from 'react';
import { api } from '../api/client';
import { homeChoiceStore, setHomeChoice } from '../stores/home';
import { useQuery } from './useQuery';

/**
 * The resident's community: their profile's, else the one chosen on this device. `known` once it can
 * be told (at once when the device has one, else when the profile has come); `ask` on the first run:
 * neither has one and the resident has not skipped the question.
 */
export function useHome() {
  const me = useQuery(() => api.account.whoami({}), []);
  const choice = homeChoiceStore.use();
  const chosenHere = typeof choice === 'object' && choice ? choice.communityId : null;
  const inProfile = me.data?.user?.communityId ?? null;
  // The device keeps the profile's, so the next start need not wait for the profile.
  useEffect(() => {
    if (inProfile && inProfile !== chosenHere) setHomeChoice({ communityId: inProfile });
  }, [inProfile, chosenHere]);
  const ask = me.status === 'ready' && !inProfile && choice === null;
  // While the question waits, the resident may have put a community in their profile from 我的.
  useDidShow(() => {
    if (ask) me.refresh();
  });
  return { me, communityId: inProfile ?? chosenHere, known: chosenHere !== null || me.status !== 'loading', ask };
}
