/** How far a many-page pull has come ("Hämtar 3 000 av 10 000"), or null when none is running. */
import { useEffect, useState } from 'preact/hooks';
import type { SyncProgress } from '../../sync/engine';
import { useServices } from '../app-context';

export function useSyncProgress(): SyncProgress | null {
  const { faltsam } = useServices();
  const [progress, setProgress] = useState<SyncProgress | null>(null);
  useEffect(() => faltsam.onProgress(setProgress), [faltsam]);
  return progress;
}
