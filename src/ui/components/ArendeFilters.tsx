import type { Behovsgrupp } from '../../domain/account';
import { STATUSAR } from '../../domain/arende';
import type { ArendeFilter } from '../arende-filter';
import { t } from '../i18n/messages';
import { SelectField } from './fields/SelectField';
import { TextField } from './fields/TextField';

interface ArendeFiltersProps {
  filter: ArendeFilter;
  behovsgrupper: readonly Behovsgrupp[];
  onChange: (filter: ArendeFilter) => void;
  /** Offer "Mina ärenden" / "Alla på mina enheter" (handläggare only). */
  showVem?: boolean;
}

/** Search by code and filter by status and behovsgrupp; every change applies at once. */
export function ArendeFilters({ filter, behovsgrupper, onChange, showVem = false }: ArendeFiltersProps) {
  return (
    <search class="filters" aria-label={t.list.filtersLabel}>
      {showVem && (
        <SelectField
          name="vem-filter"
          label={t.list.vem}
          value={filter.vem}
          options={[
            { value: 'mina', label: t.list.mina },
            { value: 'alla', label: t.list.alla },
          ]}
          onChange={(vem) => onChange({ ...filter, vem: vem as ArendeFilter['vem'] })}
        />
      )}
      <TextField
        name="sok"
        type="search"
        label={t.list.search}
        hint={t.list.searchHint}
        value={filter.query}
        autoComplete="off"
        onInput={(query) => onChange({ ...filter, query })}
      />
      <SelectField
        name="status-filter"
        label={t.list.status}
        value={filter.status}
        options={[
          { value: '', label: t.list.all },
          ...STATUSAR.map((s) => ({ value: s, label: t.enums.status[s] })),
        ]}
        onChange={(status) => onChange({ ...filter, status: status as ArendeFilter['status'] })}
      />
      <SelectField
        name="behovsgrupp-filter"
        label={t.list.behovsgrupp}
        value={filter.behovsgrupp}
        options={[
          { value: '', label: t.list.all },
          ...behovsgrupper.map((b) => ({
            value: b.code,
            label: b.retiredAt ? t.list.retiredGroup(b.label) : b.label,
          })),
        ]}
        onChange={(behovsgrupp) => onChange({ ...filter, behovsgrupp })}
      />
    </search>
  );
}
