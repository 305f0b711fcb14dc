/**
 * The admin's settings of the förbund (contract: src/domain/forbund-admin.ts): the stegförflyttning
 * interval, the gallring period, the behovsgrupper code list, and gallring on demand. Registered on
 * the admin router, behind its sign-in and admin-only checks; every change is audited by name.
 */
import type { Hono } from 'hono';
import type { Behovsgrupp } from '../../domain/account';
import {
  BEHOVSGRUPPER_MAX,
  BehovsgruppPatch,
  behovsgruppCode,
  ForbundSettingsPatch,
  NewBehovsgrupp,
} from '../../domain/forbund-admin';
import { GallringRunRequest } from '../../domain/gallring';
import type { AppEnv, Deps } from '../context';
import { ApiError } from '../errors';
import { readBody } from '../http';
import { runGallring, swedishDay } from '../services/gallring';
import {
  behovsgrupperForUpdate,
  forbundSettings,
  saveBehovsgrupper,
  updateForbundSettings,
} from '../store/forbund-settings';
import type { AdminAudit } from './admin-audit';

const sameLabel = (a: string, b: string) => a.localeCompare(b, 'sv', { sensitivity: 'accent' }) === 0;

function refuseDuplicateLabel(list: readonly Behovsgrupp[], label: string, exceptCode?: string): void {
  const twin = list.find((b) => b.code !== exceptCode && sameLabel(b.label, label));
  if (!twin) return;
  const message = twin.retiredAt
    ? `Det finns redan en utgången behovsgrupp som heter ${twin.label}. Ta den i bruk igen i stället.`
    : `Det finns redan en behovsgrupp som heter ${twin.label}.`;
  throw new ApiError(409, 'namn_upptaget', message, { label: message });
}

export function forbundAdminRoutes(app: Hono<AppEnv>, deps: Deps, audit: AdminAudit): void {
  const { sql, clock } = deps;

  app.get('/admin/installningar', async (c) =>
    c.json({ settings: await forbundSettings(sql, c.get('user').forbundId) }),
  );

  app.patch('/admin/installningar', async (c) => {
    const user = c.get('user');
    const patch = await readBody(c, ForbundSettingsPatch);
    const before = await forbundSettings(sql, user.forbundId);
    await updateForbundSettings(sql, user.forbundId, patch, clock());
    const changed = (Object.keys(patch) as (keyof typeof patch)[]).filter((k) => patch[k] !== before[k]);
    if (changed.length > 0) await audit(user, 'settings_update', 'forbund', user.forbundId, changed);
    return c.json({ settings: await forbundSettings(sql, user.forbundId) });
  });

  app.get('/admin/behovsgrupper', async (c) => {
    const list = await sql.transaction((tx) => behovsgrupperForUpdate(tx, c.get('user').forbundId));
    return c.json({ behovsgrupper: list });
  });

  app.post('/admin/behovsgrupper', async (c) => {
    const user = c.get('user');
    const { label } = await readBody(c, NewBehovsgrupp);
    const added = await sql.transaction(async (tx) => {
      const list = await behovsgrupperForUpdate(tx, user.forbundId);
      refuseDuplicateLabel(list, label);
      if (list.length >= BEHOVSGRUPPER_MAX)
        throw new ApiError(409, 'for_manga', `Förbundet kan ha högst ${BEHOVSGRUPPER_MAX} behovsgrupper.`);
      const group: Behovsgrupp = {
        code: behovsgruppCode(
          label,
          list.map((b) => b.code),
        ),
        label,
        retiredAt: null,
      };
      await saveBehovsgrupper(tx, user.forbundId, [...list, group]);
      return group;
    });
    await audit(user, 'behovsgrupp_create', 'behovsgrupp', null, [added.code]);
    return c.json({ behovsgrupp: added }, 201);
  });

  app.patch('/admin/behovsgrupper/:code', async (c) => {
    const user = c.get('user');
    const code = c.req.param('code');
    const patch = await readBody(c, BehovsgruppPatch);
    const { group, changed } = await sql.transaction(async (tx) => {
      const list = await behovsgrupperForUpdate(tx, user.forbundId);
      const current = list.find((b) => b.code === code);
      if (!current) throw new ApiError(404, 'finns_inte', 'Behovsgruppen finns inte i förbundet.');
      if (patch.label !== undefined) refuseDuplicateLabel(list, patch.label, code);
      const next: Behovsgrupp = {
        ...current,
        ...(patch.label !== undefined ? { label: patch.label } : {}),
        ...(patch.retired === undefined
          ? {}
          : { retiredAt: patch.retired ? (current.retiredAt ?? swedishDay(clock())) : null }),
      };
      await saveBehovsgrupper(
        tx,
        user.forbundId,
        list.map((b) => (b.code === code ? next : b)),
      );
      const fields = [
        ...(next.label !== current.label ? ['label'] : []),
        ...((next.retiredAt ?? null) !== (current.retiredAt ?? null) ? ['retired'] : []),
      ];
      return { group: next, changed: fields };
    });
    // The code names the group, never a person; the fields say what changed, not to what.
    if (changed.length > 0) await audit(user, 'behovsgrupp_update', `behovsgrupp:${code}`, null, changed);
    return c.json({ behovsgrupp: group });
  });

  app.post('/admin/gallring', async (c) => {
    const user = c.get('user');
    const { dryRun } = await readBody(c, GallringRunRequest);
    const run = await runGallring(sql, { forbundId: user.forbundId, now: clock(), dryRun, userId: user.id });
    if (!dryRun) await audit(user, 'gallring_run', 'forbund', user.forbundId);
    return c.json(run);
  });
}
