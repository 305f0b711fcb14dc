import { useEffect, useState } from 'preact/hooks';
import { createArende, getArende, type LocalArende, updateArende } from '../../db/arende-repo';
import { ARENDE_FIELDS, type ArendeFields, emptyArendeFields } from '../../domain/arende';
import { useServices, useSession } from '../app-context';
import type { FilterableArende } from '../arende-filter';
import { ArendeSurveys } from '../components/ArendeSurveys';
import { ArendeForm } from '../components/arende-form/ArendeForm';
import { ConflictNotice } from '../components/ConflictNotice';
import { PageHeading } from '../components/PageHeading';
import { RemovedNotice } from '../components/RemovedNotice';
import { usePageTitle } from '../hooks/usePageTitle';
import { navigate, paths } from '../hooks/useRoute';
import { t } from '../i18n/casework';
import { todayIso } from '../i18n/format-time';

const pickFields = (a: ArendeFields): ArendeFields =>
  Object.fromEntries(ARENDE_FIELDS.map((f) => [f, a[f]])) as ArendeFields;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

type Loaded = { status: 'loading' } | { status: 'missing' } | { status: 'ready'; arende: LocalArende | null };

/** New ärende (id undefined) or edit. Loads once, so a sync mid-edit does not overwrite typing. */
export function ArendeFormPage({
  id,
  onSaved,
}: {
  id?: string | undefined;
  /** After saving, before the list shows: the list makes sure the saved ärende is not filtered away. */
  onSaved?: (saved: FilterableArende, userId: string) => void;
}) {
  const { db } = useServices();
  const { user, setNotice, moveFocus } = useSession();
  const [loaded, setLoaded] = useState<Loaded>(
    id ? { status: 'loading' } : { status: 'ready', arende: null },
  );

  // Bumped when a conflict is resolved, so the form shows the value the user chose.
  const [reloads, setReloads] = useState(0);
  useEffect(() => {
    if (!id) return;
    let live = true;
    getArende(db, id).then(
      (a) => live && setLoaded(a ? { status: 'ready', arende: a } : { status: 'missing' }),
      () => live && setLoaded({ status: 'missing' }),
    );
    return () => {
      live = false;
    };
  }, [db, id, reloads]);

  const arende = loaded.status === 'ready' ? loaded.arende : null;
  const title = id ? (arende ? t.form.titleEdit(arende.code) : t.form.titleNew) : t.form.titleNew;
  usePageTitle(title);

  if (loaded.status === 'loading') return <p class="page">{t.app.loading}</p>;
  if (loaded.status === 'missing')
    return (
      <div class="page">
        <PageHeading focus={moveFocus}>{t.form.notFound}</PageHeading>
        <a href={paths.list}>{t.form.backToList}</a>
      </div>
    );

  const initial = arende
    ? pickFields(arende)
    : emptyArendeFields(user.enheter[0]?.id ?? '', user.id, todayIso());

  const save = async (fields: ArendeFields) => {
    let code: string;
    if (arende) {
      // Only what the user changed is applied on top of the stored ärende, so a field a sync
      // brought in while the form was open is not reverted to what the form loaded.
      const current = (await getArende(db, arende.id)) ?? arende;
      const changed = ARENDE_FIELDS.filter((f) => !same(fields[f], initial[f]));
      const next = { ...pickFields(current), ...Object.fromEntries(changed.map((f) => [f, fields[f]])) };
      code = (await updateArende(db, arende.id, next)).code;
    } else {
      const enhet = user.enheter.find((e) => e.id === fields.enhetId);
      const created = await createArende(db, {
        fields,
        forbundId: user.forbund.id,
        enhetKod: enhet?.kod ?? 'FS',
      });
      code = created.code;
    }
    onSaved?.({ ...fields, code }, user.id);
    setNotice(t.list.saved(code));
    navigate(paths.list);
  };

  return (
    <div class="page">
      <PageHeading focus={moveFocus}>{title}</PageHeading>
      {arende && (
        <p>
          <a class="table-link" href={paths.overview(arende.id)}>
            {t.casework.overview.toOverview}
          </a>
        </p>
      )}
      {arende?.sync.removed && <RemovedNotice arendeId={arende.id} code={arende.code} />}
      {arende && <ConflictNotice recordId={arende.id} onResolved={() => setReloads((n) => n + 1)} />}
      <ArendeForm
        key={`${arende?.id ?? 'new'}:${reloads}`}
        initial={initial}
        code={arende?.code ?? null}
        user={user}
        rejection={arende?.sync.state === 'avvisad' ? arende.sync.error : undefined}
        onSave={save}
        onCancel={() => navigate(paths.list)}
      />
      {arende && <ArendeSurveys arendeId={arende.id} returnTo={paths.arende(arende.id)} />}
    </div>
  );
}
