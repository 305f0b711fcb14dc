/** Who a user id is, as far as the device knows: the signed-in user or a kept colleague. */
import type { SessionUser } from '../../../domain/account';
import type { Kollega } from '../../../domain/overlamning';
import { t } from '../../i18n/messages';

export type Colleagues = Record<string, Kollega[]>;

export function personName(id: string, user: SessionUser, colleagues: Colleagues): string {
  if (id === user.id) return t.person.you(user.displayName);
  for (const list of Object.values(colleagues)) {
    const k = list.find((c) => c.id === id);
    if (k) return k.displayName;
  }
  return t.person.colleague;
}
