/**
 * English for the API's own messages (src/server), which the device shows as the server sent them
 * in Swedish: a refused login, a refused change in the sync list, a policy an admin screen hit.
 * The API keeps answering in Swedish (one language on the wire, CONVENTIONS.md); the device puts
 * the message into English when English is chosen. Keyed and templated as in en-messages.ts;
 * tests/unit/ui/i18n-messages.test.ts finds every such message in src/server and fails until it has
 * its English here. A message the device does not know (a newer server) shows as sent.
 */
export const EN_SERVER_MESSAGES: Record<string, string> = {
  // auth/one-time-password.ts, routes/health.ts (issue 14)
  'Du har loggat in med ett tillfälligt lösenord. Välj ett eget lösenord för att fortsätta.':
    'You have logged in with a temporary password. Choose your own password to continue.',
  'Det nya lösenordet måste skilja sig från det tillfälliga.':
    'The new password must differ from the temporary one.',
  'Lösenordet har redan bytts. Logga in med det nya lösenordet.':
    'The password has already been changed. Log in with the new password.',
  'Begäran är inte giltig JSON.': 'The request is not valid JSON.',
  'Något gick fel på servern.': 'Something went wrong on the server.',
  'Servern stängs ned.': 'The server is shutting down.',
  'Databasen svarar inte.': 'The database does not answer.',
  // store/retention.ts (the server's start-up settings)
  '${} måste vara ett heltal antal dagar mellan ${} och 36500 (var "${}").':
    '{0} must be a whole number of days between {1} and 36500 (was "{2}").',
  'Databasen har inte alla ändringar som den här versionen behöver.':
    'The database does not have all the changes this version needs.',
  // routes/forbund-admin.ts, routes/gallring.ts, services/policies.ts (issue 18)
  'Det finns redan en utgången behovsgrupp som heter ${}. Ta den i bruk igen i stället.':
    'There is already a retired needs group called {0}. Take it into use again instead.',
  'Det finns redan en behovsgrupp som heter ${}.': 'There is already a needs group called {0}.',
  'Förbundet kan ha högst ${} behovsgrupper.': 'The association can have at most {0} needs groups.',
  'Behovsgruppen finns inte i förbundet.': 'The needs group does not exist in the association.',
  'Bara en administratör eller koordinator kan se gallringen.':
    'Only an administrator or a coordinator can see the deletion (gallring).',
  'Behovsgruppen ${} används inte längre i förbundet. Välj en annan grupp.':
    'The needs group {0} is no longer used in the association. Choose another group.',
  // routes/sync.ts
  'Ogiltig cursor.': 'Invalid cursor.',
  'Hämtningen har fel form: cursor ska vara den som servern senast gav, limit ett tal 1–${} och deviceId apparatens id.':
    'The fetch has the wrong form: cursor must be the one the server last gave, limit a number 1–{0} and deviceId the device’s id.',
  // services/apply-delete.ts (konsultation deletes)
  'Det går inte att ta bort ${}.': 'It is not possible to delete {0}.',
  'En borttagning kan inte samtidigt ändra uppgifter. Ladda om appen och försök igen.':
    'A deletion cannot change details at the same time. Reload the app and try again.',
  'Du har inte behörighet att ta bort ${}.': 'You are not allowed to delete {0}.',
  // errors.ts, auth/sessions.ts, routes/sessions.ts
  'Något gick fel på servern. Försök igen om en stund.':
    'Something went wrong on the server. Try again in a while.',
  'Adressen finns inte.': 'The address does not exist.',
  'Din inloggning har gått ut. Logga in igen.': 'Your login has expired. Log in again.',
  'Fel användarnamn eller lösenord.': 'Wrong user name or password.',
  'Begäran kunde inte läsas: innehållet är inte giltig JSON. Inget har ändrats.':
    'The request could not be read: the content is not valid JSON. Nothing has changed.',
  'Begäran är för stor. Inget har ändrats.': 'The request is too large. Nothing has changed.',
  'Begäran kunde inte tas emot.': 'The request could not be accepted.',
  'Din inloggning har gått ut (30 dagar utan användning, eller längsta tiden för en inloggning). Logga in igen.':
    'Your login has expired (30 days without use, or the longest time a login lasts). Log in again.',
  'En administratör har avslutat din inloggning. Logga in igen.':
    'An administrator has ended your login. Log in again.',
  'Lösenordet till ditt konto har bytts. Logga in igen med det nya lösenordet.':
    'The password of your account has been changed. Log in again with the new password.',
  'Den här apparaten har spärrats av en administratör. Kontakta din administratör.':
    'This device has been blocked by an administrator. Contact your administrator.',
  'Ditt konto är spärrat. Kontakta din administratör.':
    'Your account is blocked. Contact your administrator.',
  'För många misslyckade inloggningar. Vänta en stund och försök sedan igen.':
    'Too many failed logins. Wait a while and then try again.',
  // routes/admin.ts, routes/enheter.ts, routes/rounds.ts, routes/aggregates.ts, routes/sync.ts
  'Bara en administratör kan hantera förbundets konton, enheter och apparater.':
    'Only an administrator can manage the association’s accounts, units and devices.',
  'En vald enhet finns inte i förbundet.': 'A chosen unit does not exist in the association.',
  'Användarnamnet ${} är upptaget. Välj ett annat.': 'The user name {0} is taken. Choose another.',
  'Du kan inte spärra ditt eget konto.': 'You cannot block your own account.',
  'Du kan inte ta bort din egen administratörsroll.': 'You cannot remove your own administrator role.',
  'Förbundet har redan en enhet med koden ${}.': 'The association already has a unit with the code {0}.',
  'Det är din egen inloggning. Logga ut i stället för att avsluta den här.':
    'This is your own login. Log out instead of ending it here.',
  'Bara en koordinator kan se sammanställningarna.': 'Only a coordinator can see the summaries.',
  'Det finns inget sådant område.': 'There is no such area.',
  'Bara handläggare lämnar över ärenden.': 'Only case workers hand over cases.',
  'Du har inte behörighet till den enheten.': 'You do not have access to that unit.',
  'Bara en koordinator kan starta en enkätomgång.': 'Only a coordinator can start a survey round.',
  'Det finns redan en enkätomgång för ${} i förbundet.':
    'There is already a survey round for {0} in the association.',
  'En administratör deltar inte i enkätomgångar.': 'An administrator does not take part in survey rounds.',
  'Synkdata har fel form och togs inte emot. Inget har ändrats.':
    'The sync data has the wrong form and was not accepted. Nothing has changed.',
  // services/aggregates/releases.ts
  'Resultaten för ${} publiceras när perioden har avslutats.':
    'The results for {0} are published when the period has ended.',
  'Det finns ingen publicering för ${}.': 'There is no release for {0}.',
  // services/apply-mutation.ts, services/rejection.ts, services/push.ts
  'Som ${} kan du inte ändra ${}.': 'As {0} you cannot change {1}.',
  'Postens id har fel form (ett UUID med små bokstäver väntades). Ändringen sparades inte.':
    'The record’s id has the wrong form (a UUID in lower-case letters was expected). The change was not saved.',
  'Du har inte behörighet att ändra ${}.': 'You do not have permission to change {0}.',
  'Id:t används redan av en annan post på servern.':
    'The id is already used by another record on the server.',
  'Uppgiften kan inte ändras efter att den sparats första gången.':
    'The record cannot be changed after it was first saved.',
  'Fältet finns inte. Ladda om appen så att den har den senaste versionen.':
    'The field does not exist. Reload the app so that it has the latest version.',
  '${} finns redan på servern och skapades inte igen.':
    '{0} already exists on the server and was not created again.',
  '${} finns inte på servern.': '{0} does not exist on the server.',
  'Ändringen bygger på en version av ${} som servern inte känner till. Synka och försök igen.':
    'The change is based on a version of {0} that the server does not know. Sync and try again.',
  'Ändringen kunde inte sparas: ${} uppgifter är inte giltiga.':
    'The change could not be saved: {0} details are not valid.',
  'Ändringarna kom i fel ordning. De skickas om automatiskt vid nästa synkning.':
    'The changes arrived in the wrong order. They are sent again automatically at the next sync.',
  'Ändringen har ett nummer som redan använts från den här apparaten och sparades inte.':
    'The change has a number already used from this device and was not saved.',
  'Den här apparaten är registrerad på en annan användare. Logga ut och in igen på apparaten.':
    'This device is registered to another user. Log out and in again on the device.',
  // auth/push-credential.ts, routes/sealed-sync.ts, services/sealed-push.ts (the sealed outbox)
  'Inloggningen hör till en annan apparat. Logga in igen på den här apparaten.':
    'The login belongs to another device. Log in again on this device.',
  'Den här adressen tar bara emot apparatens förseglade ändringar.':
    'This address only accepts the device’s sealed changes.',
  'De förseglade ändringarna har fel form och togs inte emot. Inget har ändrats.':
    'The sealed changes have the wrong form and were not accepted. Nothing has changed.',
  'De förseglade ändringarna kunde inte öppnas och togs inte emot. Öppna Fältsam och lås upp för att synka.':
    'The sealed changes could not be opened and were not accepted. Open Fältsam and unlock to sync.',
  'De förseglade ändringarna hör inte till den här apparaten och togs inte emot.':
    'The sealed changes do not belong to this device and were not accepted.',
  'Den här apparaten har spärrats av en administratör och kan inte synka. Det som inte har synkats finns kvar på apparaten. Kontakta din administratör.':
    'This device has been blocked by an administrator and cannot sync. What has not been synced is kept on the device. Contact your administrator.',
  // services/apply-response.ts
  'Ärendet som svaret hör till finns inte, eller så har du inte behörighet till det.':
    'The case the answer belongs to does not exist, or you do not have access to it.',
  'Enkätomgången finns inte i förbundet.': 'The survey round does not exist in the association.',
  'Bara en handläggare skickar in svar som hör till ett ärende.':
    'Only a case worker sends in answers that belong to a case.',
  'Formuläret ingår inte i enkätomgången.': 'The form is not part of the survey round.',
  'Enheten ingår inte i enkätomgången.': 'The unit is not part of the survey round.',
  'Du kan bara svara på formuläret för din grupp (${}).':
    'You can only answer the form for your group ({0}).',
  'Du har redan svarat i enkätomgång ${}. Varje person svarar en gång per omgång.':
    'You have already answered in survey round {0}. Each person answers once per round.',
  // services/policies.ts, services/casework-policies.ts, services/konsultation-policies.ts
  'Ett nytt ärende skapas med dig själv som ansvarig handläggare.':
    'A new case is created with yourself as the responsible case worker.',
  'Den handläggaren finns inte eller arbetar inte på ärendets enhet.':
    'That case worker does not exist or does not work at the case’s unit.',
  'Behovsgruppen finns inte i förbundets lista.': 'The needs group is not in the association’s list.',
  'Koden används redan i förbundet. Ge ärendet en ny kod.':
    'The code is already used in the association. Give the case a new code.',
  'Ärendet finns inte, eller så har du inte behörighet till det.':
    'The case does not exist, or you do not have access to it.',
  'Bara handläggare arbetar i ärenden.': 'Only case workers work in cases.',
  'Mötet finns inte i det här ärendet.': 'The meeting does not exist in this case.',
  'En SIP kan inte gå från ${} till ${}.': 'A SIP cannot go from {0} to {1}.',
  'SIP:en kan inte markeras som ${}. ${}': 'The SIP cannot be marked as {0}. {1}',
  'En återkallelse registreras med dig själv som den som registrerade den.':
    'A withdrawal is recorded with yourself as the one who recorded it.',
  'Ett samtycke registreras med dig själv som den som tog emot det.':
    'A consent is recorded with yourself as the one who received it.',
  'Samtycket är redan återkallat. Registrera ett nytt samtycke om deltagaren samtycker igen.':
    'The consent is already withdrawn. Record a new consent if the participant consents again.',
  'Ärendet har inte lämnats över till den handläggaren – det kan samtidigt ha lämnats över till någon annan.':
    'The case has not been handed over to that case worker – it may have been handed over to someone else at the same time.',
  'Mötet finns inte i förbundet.': 'The meeting does not exist in the association.',
  'Enheten finns inte i förbundet.': 'The unit does not exist in the association.',
};

/**
 * The Swedish values the API puts into its templates (record nouns with their article, role
 * labels), in English: a blank whose whole value is one of these gets its English.
 */
export const EN_SERVER_VALUES: Record<string, string> = {
  'Ärendet från konsultationsteamet': 'The case from the consultation team',
  'ärendet från konsultationsteamet': 'the case from the consultation team',
  Konsultationsmötet: 'The consultation meeting',
  konsultationsmötet: 'the consultation meeting',
  Ärendet: 'The case',
  ärendet: 'the case',
  Svaret: 'The answer',
  svaret: 'the answer',
  Samtycket: 'The consent',
  samtycket: 'the consent',
  Mötet: 'The meeting',
  mötet: 'the meeting',
  Åtgärden: 'The action',
  åtgärden: 'the action',
  'SIP:en': 'the SIP',
  utkast: 'draft',
  upprättad: 'drawn up',
  uppföljd: 'followed up',
  avslutad: 'ended',
  Mätningen: 'The measurement',
  mätningen: 'the measurement',
  Överlämningen: 'The hand-over',
  överlämningen: 'the hand-over',
  halvårsrespondent: 'a half-year respondent',
  administratör: 'an administrator',
  handläggare: 'a case worker',
  koordinator: 'a coordinator',
};
