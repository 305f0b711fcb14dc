/** The hash paths of the admin's sections (parsed in hooks/useRoute.ts; kept here, off the first screen). */
export const adminPaths = {
  users: '#/admin',
  newUser: '#/admin/anvandare/ny',
  user: (id: string) => `#/admin/anvandare/${encodeURIComponent(id)}`,
  enheter: '#/admin/enheter',
  devices: '#/admin/apparater',
  settings: '#/admin/installningar',
  behovsgrupper: '#/admin/behovsgrupper',
  gallring: '#/admin/gallring',
  audit: '#/admin/logg',
};
