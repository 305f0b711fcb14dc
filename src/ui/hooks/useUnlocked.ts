/** Whether the device's encrypted store is unlocked right now; re-renders on lock and unlock. */
import { useEffect, useState } from 'preact/hooks';
import type { FaltsamDb } from '../../db/database';
import { isUnlocked, onLockChange } from '../../db/keyring';

export function useUnlocked(db: FaltsamDb): boolean {
  const [unlocked, setUnlocked] = useState(() => isUnlocked(db));
  useEffect(() => {
    setUnlocked(isUnlocked(db));
    return onLockChange(db, () => setUnlocked(isUnlocked(db)));
  }, [db]);
  return unlocked;
}
