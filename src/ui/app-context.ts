/**
 * What every screen needs from the app: the device database, the sync client, the signed-in user
 * and a one-shot notice shown on the next screen (e.g. "Ärende NOR-4K7P är sparat").
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { FaltsamDb } from '../db/database';
import type { SessionUser } from '../domain/account';
import type { Faltsam } from '../sync/client';

export type FaltsamClient = Pick<
  Faltsam,
  'login' | 'logout' | 'syncNow' | 'openRound' | 'admin' | 'fetchAggregates' | 'onProgress'
>;

export interface AppServices {
  db: FaltsamDb;
  faltsam: FaltsamClient;
}

export interface SessionState {
  user: SessionUser;
  notice: string | null;
  setNotice: (notice: string | null) => void;
  /** False on the first screen after load, so focus is only moved on navigation. */
  moveFocus: boolean;
}

export const ServicesContext = createContext<AppServices | null>(null);
export const SessionContext = createContext<SessionState | null>(null);

export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside <ServicesContext>');
  return services;
}

export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside <SessionContext>');
  return session;
}
