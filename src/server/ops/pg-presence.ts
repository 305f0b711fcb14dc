/**
 * On PostgreSQL several servers share one database, so there is no data folder to lock. Instead
 * every running server holds a shared advisory lock on a connection of its own for as long as it
 * runs; `faltsam restore` takes the same lock exclusively, so it refuses while any server runs, and
 * a server that starts during a restore waits until it is done. The lock dies with the connection:
 * a crashed server holds nothing.
 */
import pg from 'pg';

const SERVER_PRESENCE_LOCK = 7_051_772;

export interface Presence {
  release(): Promise<void>;
}

async function connect(url: string, name: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, application_name: name });
  await client.connect();
  // A dropped connection is only logged by its owner; an unhandled 'error' would end the process.
  client.on('error', () => undefined);
  return client;
}

/** Held by a server while it runs (waits while a restore holds the exclusive lock). */
export async function holdServerPresence(url: string): Promise<Presence> {
  const client = await connect(url, 'faltsam-presence');
  await client.query('select pg_advisory_lock_shared($1)', [SERVER_PRESENCE_LOCK]);
  return { release: () => client.end().catch(() => undefined) };
}

/** The exclusive lock for a restore, or null while a server holds its shared one. */
export async function takeExclusivePresence(url: string): Promise<Presence | null> {
  const client = await connect(url, 'faltsam-restore');
  const { rows } = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [
    SERVER_PRESENCE_LOCK,
  ]);
  if (!rows[0]?.ok) {
    await client.end();
    return null;
  }
  return { release: () => client.end().catch(() => undefined) };
}
