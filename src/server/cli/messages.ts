/**
 * The `faltsam` command's texts in Swedish and English. Swedish unless --lang en, FALTSAM_LANG=en
 * or a locale (LC_ALL, LC_MESSAGES, LANG) that starts with "en". A refusal from the server side
 * (ops/accounts.ts, ops/backup.ts) carries a code: it is shown from here in the chosen language.
 */

export type Lang = 'sv' | 'en';

export function chooseLang(flag: string | undefined, env: NodeJS.ProcessEnv): Lang {
  const pick = flag ?? env.FALTSAM_LANG ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? '';
  return pick.toLowerCase().startsWith('en') ? 'en' : 'sv';
}

const HELP_SV = `faltsam – drift av Fältsam på servern

Användning:
  npx faltsam forbund create <namn> --admin <användarnamn> [--admin-namn <namn>] [--password-stdin]
      Skapar ett förbund med standardbehovsgrupperna och dess första administratör. Skriver ut
      ett engångslösenord (eller läser ett från standard in med --password-stdin) som måste
      bytas vid första inloggningen.
  npx faltsam forbund list
      Visar förbunden med antal enheter och konton.
  npx faltsam enhet create <namn> --kod <KOD> --forbund <id eller namn>
      Skapar en enhet (koden: 2–4 versaler, t.ex. NOR).
  npx faltsam admin reset-password <användarnamn> [--password-stdin]
      Nytt engångslösenord för ett konto; kontots inloggningar avslutas.
  npx faltsam gallra [--dry-run] [--forbund <id eller namn>]
      Gallrar nu, som schemat gör: avslutade ärenden vars gallringsdatum har passerats tas bort
      med allt under dem, utom de som en apparat ännu inte har synkat sedan dess. --dry-run visar
      bara vad som skulle tas bort och vad som väntar. Utan --forbund: alla förbund med en
      gallringsfrist.
  npx faltsam backup <fil> [--force]
      Säkerhetskopia medan servern kör (inbyggd databas: via servern; PostgreSQL: pg_dump).
      --force skriver över en befintlig fil.
  npx faltsam restore <fil> [--force]
      Återställer en säkerhetskopia till en tom datamapp eller databas. Servern ska vara
      stoppad. --force ersätter en befintlig databas.

Gemensamma val:
  --data-dir <mapp>       den inbyggda databasens datamapp (DATA_DIR, annars ./data)
  --database-url <url>    PostgreSQL i stället för den inbyggda databasen (DATABASE_URL)
  --json                  svar som JSON på standard ut
  --lang sv|en            språk (FALTSAM_LANG, annars systemets språk)
  -h, --help              den här hjälpen

Kommandot fungerar både när servern kör och när den inte gör det: med den inbyggda databasen
går det via serverns adminuttag (admin.sock i datamappen) och annars öppnar det datamappen
själv, med ett lås så att den aldrig öppnas två gånger.
`;

const HELP_EN = `faltsam – running Fältsam on the server

Usage:
  npx faltsam forbund create <name> --admin <username> [--admin-namn <display name>] [--password-stdin]
      Creates a förbund (association) with the standard needs groups and its first admin.
      Prints a one-time password (or reads one from standard input with --password-stdin) that
      must be changed at the first sign-in.
  npx faltsam forbund list
      Lists the förbund with their numbers of units and accounts.
  npx faltsam enhet create <name> --kod <CODE> --forbund <id or name>
      Creates a unit (code: 2–4 capital letters, e.g. NOR).
  npx faltsam admin reset-password <username> [--password-stdin]
      A new one-time password for an account; its sessions end.
  npx faltsam gallra [--dry-run] [--forbund <id or name>]
      Runs gallring (deletion of closed cases past their retention date) now, as the schedule
      does, except cases a device has not synced since. --dry-run only lists what would be
      removed and what waits. Without --forbund: every förbund that has set a period.
  npx faltsam backup <file> [--force]
      A backup while the server runs (embedded database: through the server; PostgreSQL:
      pg_dump). --force overwrites an existing file.
  npx faltsam restore <file> [--force]
      Restores a backup into an empty data folder or database. Stop the server first.
      --force replaces an existing database.

Common options:
  --data-dir <folder>     the embedded database's data folder (DATA_DIR, else ./data)
  --database-url <url>    PostgreSQL instead of the embedded database (DATABASE_URL)
  --json                  answers as JSON on standard output
  --lang sv|en            language (FALTSAM_LANG, else the system's locale)
  -h, --help              this help

The command works whether the server runs or not: with the embedded database it goes through
the server's admin socket (admin.sock in the data folder), and otherwise opens the data folder
itself, under a lock so that it is never opened twice.
`;

type Params = Record<string, string>;
type Text = (p: Params) => string;

const sv = {
  help: HELP_SV,
  usage: (p: Params) => `${p.problem}\nSe: npx faltsam --help`,
  forbundCreated: (p: Params) =>
    `Förbundet "${p.namn}" är skapat (id ${p.id}).\nAdministratör: ${p.username}`,
  oneTimePassword: (p: Params) =>
    `Engångslösenord: ${p.password}\nLösenordet visas bara nu. Det måste bytas vid första inloggningen.`,
  ownPasswordSet: () => 'Lösenordet från standard in är satt. Det måste bytas vid första inloggningen.',
  forbundNone: () =>
    'Det finns inga förbund. Skapa ett med: npx faltsam forbund create <namn> --admin <användarnamn>',
  forbundRow: (p: Params) =>
    `${p.id}  ${p.namn}  (${p.enheter} enheter, ${p.users} konton; admin: ${p.admins})`,
  enhetCreated: (p: Params) => `Enheten ${p.kod} "${p.namn}" är skapad i ${p.forbund} (id ${p.id}).`,
  passwordReset: (p: Params) => `Nytt engångslösenord för ${p.username}. Kontots inloggningar är avslutade.`,
  backupDone: (p: Params) => `Säkerhetskopian är skriven till ${p.file} (${p.bytes} byte).`,
  gallraNone: () => 'Inget förbund har valt en gallringsfrist; inget att gallra.',
  gallraNoPeriod: (p: Params) => `${p.namn}: ingen gallringsfrist vald; inget gallras.`,
  gallraDryRun: (p: Params) =>
    `${p.namn} (gallring ${p.ar} år efter avslut, dag ${p.today}) – provkörning: ${p.removed} ärenden skulle tas bort, ${p.held} väntar på synk.`,
  gallraDone: (p: Params) =>
    `${p.namn} (gallring ${p.ar} år efter avslut, dag ${p.today}): ${p.removed} ärenden borttagna, ${p.held} väntar på synk.`,
  gallraDue: (p: Params) =>
    `  skulle tas bort: ${p.arendeId}  avslutat ${p.avslutsdatum}, gallras ${p.gallringsdatum}, ${p.records} poster, ${p.responses} enkätsvar`,
  gallraRemoved: (p: Params) =>
    `  borttaget: ${p.arendeId}  avslutat ${p.avslutsdatum}, gallrat ${p.gallringsdatum}, ${p.records} poster, ${p.responses} enkätsvar`,
  gallraHeld: (p: Params) =>
    `  väntar: ${p.arendeId}  gallras ${p.gallringsdatum}; inte synkat sedan dess: ${p.devices}`,
  restoreDone: (p: Params) => `Säkerhetskopian är återställd till ${p.target}. Starta servern.`,
  emptyStdin: () => 'Inget lösenord på standard in.',
  busy: (p: Params) =>
    `Datamappen används av ${p.holder === 'server' ? 'en server' : 'ett annat faltsam-kommando'} (pid ${p.pid}). Försök igen när det är klart.`,
  serverUnreachable: (p: Params) =>
    `En server (pid ${p.pid}) håller datamappen men svarar inte på adminuttaget. Vänta tills den har startat, eller stoppa den och försök igen.`,
  serverRunning: () =>
    'Servern kör. Stoppa den först (t.ex. systemctl stop faltsam); en återställning ersätter hela databasen.',
  noDatabase: (p: Params) => `Det finns ingen databas i ${p.dir}.`,
  failed: (p: Params) => `Det gick inte: ${p.message}`,
  // Refusals by code (ops/accounts.ts, ops/backup.ts).
  ogiltig: (p: Params) => p.message ?? 'Ogiltiga uppgifter.',
  forbund_finns: (p: Params) => `Det finns redan ett förbund som heter ${p.namn}.`,
  forbund_saknas: (p: Params) => `Det finns inget förbund ${p.forbund}.`,
  forbund_tvetydigt: (p: Params) =>
    `Flera förbund heter ${p.forbund}. Ange förbundets id (npx faltsam forbund list).`,
  anvandarnamn_upptaget: (p: Params) => `Användarnamnet ${p.username} är upptaget. Välj ett annat.`,
  kod_upptagen: (p: Params) => `Förbundet har redan en enhet med koden ${p.kod}.`,
  anvandare_saknas: (p: Params) => `Det finns inget konto ${p.username}.`,
  fil_finns: (p: Params) => `Filen ${p.file} finns redan. Välj ett annat namn eller ange --force.`,
  inte_tom: () => 'Det finns redan en databas där. Ange --force för att ersätta den.',
  fel_sort: (p: Params) => p.message ?? 'Filen är en säkerhetskopia av fel sort.',
  okand_fil: (p: Params) => p.message ?? 'Filen är ingen säkerhetskopia som går att läsa.',
  server_ansluten: () => 'En Fältsam-server är ansluten till databasen. Stoppa servrarna först.',
  verktyg_saknas: (p: Params) => p.message ?? 'pg_dump eller pg_restore saknas.',
  verktyg_fel: (p: Params) => p.message ?? 'pg_dump eller pg_restore misslyckades.',
} satisfies Record<string, Text | string>;

export type MessageKey = Exclude<keyof typeof sv, 'help'>;

const en: Record<MessageKey, Text> & { help: string } = {
  help: HELP_EN,
  usage: (p) => `${p.problem}\nSee: npx faltsam --help`,
  forbundCreated: (p) => `The förbund "${p.namn}" is created (id ${p.id}).\nAdmin: ${p.username}`,
  oneTimePassword: (p) =>
    `One-time password: ${p.password}\nIt is shown only now and must be changed at the first sign-in.`,
  ownPasswordSet: () => 'The password from standard input is set. It must be changed at the first sign-in.',
  forbundNone: () =>
    'There is no förbund. Create one with: npx faltsam forbund create <name> --admin <username>',
  forbundRow: (p) => `${p.id}  ${p.namn}  (${p.enheter} units, ${p.users} accounts; admin: ${p.admins})`,
  enhetCreated: (p) => `The unit ${p.kod} "${p.namn}" is created in ${p.forbund} (id ${p.id}).`,
  passwordReset: (p) => `New one-time password for ${p.username}. The account's sessions have ended.`,
  backupDone: (p) => `The backup is written to ${p.file} (${p.bytes} bytes).`,
  gallraNone: () => 'No förbund has set a gallring period; nothing to remove.',
  gallraNoPeriod: (p) => `${p.namn}: no gallring period set; nothing is removed.`,
  gallraDryRun: (p) =>
    `${p.namn} (gallring ${p.ar} years after closing, day ${p.today}) – dry run: ${p.removed} cases would be removed, ${p.held} wait for a sync.`,
  gallraDone: (p) =>
    `${p.namn} (gallring ${p.ar} years after closing, day ${p.today}): ${p.removed} cases removed, ${p.held} wait for a sync.`,
  gallraDue: (p) =>
    `  would remove: ${p.arendeId}  closed ${p.avslutsdatum}, due ${p.gallringsdatum}, ${p.records} records, ${p.responses} responses`,
  gallraRemoved: (p) =>
    `  removed: ${p.arendeId}  closed ${p.avslutsdatum}, due ${p.gallringsdatum}, ${p.records} records, ${p.responses} responses`,
  gallraHeld: (p) => `  waiting: ${p.arendeId}  due ${p.gallringsdatum}; not synced since: ${p.devices}`,
  restoreDone: (p) => `The backup is restored into ${p.target}. Start the server.`,
  emptyStdin: () => 'No password on standard input.',
  busy: (p) =>
    `The data folder is in use by ${p.holder === 'server' ? 'a server' : 'another faltsam command'} (pid ${p.pid}). Try again when it is done.`,
  serverUnreachable: (p) =>
    `A server (pid ${p.pid}) holds the data folder but does not answer on the admin socket. Wait until it has started, or stop it and try again.`,
  serverRunning: () =>
    'The server is running. Stop it first (e.g. systemctl stop faltsam); a restore replaces the whole database.',
  noDatabase: (p) => `There is no database in ${p.dir}.`,
  failed: (p) => `It failed: ${p.message}`,
  ogiltig: (p) => p.message ?? 'Invalid input.',
  forbund_finns: (p) => `There is already a förbund named ${p.namn}.`,
  forbund_saknas: (p) => `There is no förbund ${p.forbund}.`,
  forbund_tvetydigt: (p) => `Several förbund are named ${p.forbund}. Give its id (npx faltsam forbund list).`,
  anvandarnamn_upptaget: (p) => `The username ${p.username} is taken. Choose another.`,
  kod_upptagen: (p) => `The förbund already has a unit with the code ${p.kod}.`,
  anvandare_saknas: (p) => `There is no account ${p.username}.`,
  fil_finns: (p) => `The file ${p.file} exists. Choose another name or give --force.`,
  inte_tom: () => 'There is a database there already. Give --force to replace it.',
  fel_sort: () => 'The file is a backup of the other kind of database.',
  okand_fil: () => 'The file is not a readable backup.',
  server_ansluten: () => 'A Fältsam server is connected to the database. Stop the servers first.',
  verktyg_saknas: () =>
    'pg_dump or pg_restore is missing: install the PostgreSQL client tools or set PG_BIN_DIR.',
  verktyg_fel: (p) => p.message ?? 'pg_dump or pg_restore failed.',
};

export interface Messages {
  help: string;
  say(key: MessageKey, params?: Params): string;
  /** The text for a refusal code, or null when the code is not one of ours. */
  refusal(code: string, params: Params): string | null;
}

export function messages(lang: Lang): Messages {
  const table = lang === 'en' ? en : (sv as Record<MessageKey, Text> & { help: string });
  return {
    help: table.help,
    say: (key, params = {}) => table[key](params),
    refusal: (code, params) => (code in table && code !== 'help' ? table[code as MessageKey](params) : null),
  };
}
