import type { SamtyckeFields } from '../../../../domain/samtycke';
import type { SipFields } from '../../../../domain/sip';
import { SIP_CHECKLIST, sipChecklistStatus } from '../../../../domain/sip-checklist';
import { t } from '../../../i18n/casework';
import { SOURCE_LANG } from '../../../i18n/locale';

interface SipChecklistProps {
  sip: SipFields;
  samtycken: readonly Pick<SamtyckeFields, 'kind' | 'date' | 'withdrawnDate'>[];
  today: string;
}

/**
 * DOMAIN.md §2.4 items 1–22: 1–10 obligatoriska (they gate "upprättad"), 11–12 to know, 13–22
 * rekommenderade. Met or missing is said in words and with a mark, never by colour alone.
 */
export function SipChecklist({ sip, samtycken, today }: SipChecklistProps) {
  const s = t.casework.sip;
  const status = new Map(sipChecklistStatus(sip, samtycken, today).map((c) => [c.item.nr, c.done]));
  const level = (l: string) =>
    l === 'mandatory' ? s.obligatorisk : l === 'recommended' ? s.rekommenderad : '–';
  return (
    <table class="arende-table data-table checklist">
      <caption>{s.checklistHeading}</caption>
      <thead>
        <tr>
          <th scope="col">{t.casework.print.colNr}</th>
          <th scope="col">{t.casework.print.colItem}</th>
          <th scope="col">{t.casework.print.colLevel}</th>
          <th scope="col">{t.casework.print.colDone}</th>
        </tr>
      </thead>
      <tbody>
        {SIP_CHECKLIST.map((item) => {
          const done = status.get(item.nr);
          return (
            <tr
              key={item.nr}
              class={done === false && item.level === 'mandatory' ? 'row--missing' : undefined}
            >
              <th scope="row">{item.nr}</th>
              {/* The checklist is the statutes' and the handbook's wording: Swedish in every language. */}
              <td lang={SOURCE_LANG}>{item.text}</td>
              <td>{level(item.level)}</td>
              <td>
                {done === undefined ? (
                  '–'
                ) : done ? (
                  <span class="check check--done">
                    <span aria-hidden="true">✓ </span>
                    {s.done}
                  </span>
                ) : (
                  <span class="check check--missing">
                    <span aria-hidden="true">✗ </span>
                    {s.missing}
                  </span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
