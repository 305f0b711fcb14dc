// Login and the unlock secret: the first login's password becomes the secret; a later login
// whose password no longer opens the store asks for the previous secret, or — only with nothing
// unsynced — starts fresh; logging out wipes the key envelope with the data.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listArenden } from '../../../src/db/arende-repo';
import {
  changeStoreSecret,
  getStoreState,
  lockStore,
  UnlockSecretNeededError,
  WrongSecretError,
} from '../../../src/db/store-key';
import { TEST_KDF } from '../../helpers/device';
import { loginDevice, switchableFetch } from '../../helpers/field-device';
import { createTestServer, type TestAccount, type TestServer } from '../../helpers/server';

let server: TestServer;
let handlaggare: TestAccount;

beforeEach(async () => {
  server = await createTestServer();
  handlaggare = await server.createHandlaggare({ enheter: ['NOR'] });
}, 60_000);
afterEach(async () => {
  await server.close();
});

describe('login and the unlock secret', () => {
  it('asks for the previous secret when the password no longer opens the store, and starts fresh only when all is synced', async () => {
    const net = switchableFetch(server.fetch);
    const dev = await loginDevice(net.fetch, handlaggare.username, handlaggare.password);
    await dev.create();
    // As if the password had been changed on the server: the store's secret is the old one.
    await changeStoreSecret(dev.db, handlaggare.password, 'forra-losenordet', TEST_KDF);
    lockStore(dev.db);
    net.down();
    const needed = await dev.faltsam
      .login(handlaggare.username, handlaggare.password)
      .catch((e: unknown) => e);
    expect(needed).toBeInstanceOf(Error); // offline: the server cannot check the password
    net.up();

    const asked = await dev.faltsam
      .login(handlaggare.username, handlaggare.password)
      .catch((e: unknown) => e);
    expect(asked).toBeInstanceOf(UnlockSecretNeededError);
    expect((asked as UnlockSecretNeededError).unsynced).toBe(1);
    // Unsynced data: no fresh start, the previous secret is needed.
    expect(
      await dev.faltsam
        .login(handlaggare.username, handlaggare.password, { startFresh: true })
        .catch((e: unknown) => e),
    ).toBeInstanceOf(UnlockSecretNeededError);
    expect(
      await dev.faltsam
        .login(handlaggare.username, handlaggare.password, { unlockSecret: 'inte-det' })
        .catch((e: unknown) => e),
    ).toBeInstanceOf(WrongSecretError);
    await dev.faltsam.login(handlaggare.username, handlaggare.password, { unlockSecret: 'forra-losenordet' });
    expect(await listArenden(dev.db)).toHaveLength(1);

    await dev.faltsam.syncNow();
    lockStore(dev.db);
    const synced = await dev.faltsam
      .login(handlaggare.username, handlaggare.password)
      .catch((e: unknown) => e);
    expect((synced as UnlockSecretNeededError).unsynced).toBe(0);
    await dev.faltsam.login(handlaggare.username, handlaggare.password, { startFresh: true });
    // A fresh key under the password; the ärende comes back from the server.
    await dev.faltsam.syncNow();
    expect(await listArenden(dev.db)).toHaveLength(1);
    lockStore(dev.db);
    await dev.faltsam.login(handlaggare.username, handlaggare.password);
    expect((await getStoreState(dev.db)).unlocked).toBe(true);
  });

  it('logs out only after a clear choice while anything is unsynced, and the wipe removes the key envelope', async () => {
    const net = switchableFetch(server.fetch);
    const dev = await loginDevice(net.fetch, handlaggare.username, handlaggare.password);
    net.down();
    await dev.create();
    expect(await dev.faltsam.logout()).toEqual({ loggedOut: false, unsynced: 1 });
    expect(await listArenden(dev.db)).toHaveLength(1);
    expect(await dev.faltsam.logout({ discardUnsynced: true })).toEqual({ loggedOut: true, unsynced: 1 });
    expect(await getStoreState(dev.db)).toEqual({
      hasKey: false,
      unlocked: false,
      user: null,
      legacy: false,
    });
    expect(await dev.db.meta.get('keyEnvelope')).toBeUndefined();
    expect(await dev.db.records.count()).toBe(0);
  });
});
