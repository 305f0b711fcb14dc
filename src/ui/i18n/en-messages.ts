/**
 * English for the messages the device's own code words in Swedish (validation in src/domain, the
 * device store in src/db, sync in src/sync): they are shared with the server, whose API answers in
 * Swedish, so they stay Swedish there and are put into English here, when shown. Keyed by the
 * Swedish text; `${}` in a key stands for a value, `{0}`, `{1}` … in the English for the same
 * values in order. tests/unit/ui/i18n-messages.test.ts finds every such Swedish message in the
 * source and fails until it has its English here.
 */
export const EN_MESSAGES: Record<string, string> = {
  // domain/forbund-admin.ts, domain/gallring.ts (förbund settings, behovsgrupper, gallring)
  'Ange behovsgruppens namn.': 'Enter the needs group’s name.',
  'Namnet innehåller tecken som inte kan visas.': 'The name contains characters that cannot be shown.',
  'Ange om gruppen är utgången (true/false).': 'State whether the group is retired (true/false).',
  'Ange ett helt antal år.': 'Enter a whole number of years.',
  'Minst 1 år.': 'At least 1 year.',
  'Högst 30 år.': 'At most 30 years.',
  'Ange om det är en provkörning (true/false).': 'State whether it is a dry run (true/false).',
  // domain/samtycke.ts, domain/sip.ts, domain/stegforflyttning.ts (refused and withdrawn samtycke)
  'Ett nekat samtycke kan inte återkallas – det har aldrig gällt.':
    'A refused consent cannot be withdrawn – it has never been valid.',
  'Ange datum då samtycket återkallades.': 'Enter the date the consent was withdrawn.',
  'Punkt 3: Deltagaren har nekat samtycke till SIP (${}). Utan samtycke kan planen inte upprättas.':
    'Item 3: The participant has refused consent to a SIP ({0}). Without consent the plan cannot be drawn up.',
  'Punkt 3: Deltagaren har återkallat sitt samtycke till SIP (${}). Registrera ett nytt samtycke om deltagaren samtycker igen.':
    'Item 3: The participant has withdrawn their consent to a SIP ({0}). Record a new consent if the participant consents again.',
  'Mätningen hör till en version av enkäten som Fältsam inte känner till.':
    'The measurement belongs to a version of the survey that Fältsam does not know.',
  // db/gallring-guard.ts
  'Ärendet har passerat sin gallringsfrist (${}) och gallras. Det går inte längre att ändra det eller dess uppgifter.':
    'The case has passed its deletion date ({0}) and is being deleted. It and its details can no longer be changed.',
  // domain/account.ts, domain/admin.ts
  'Rollen finns inte.': 'The role does not exist.',
  'Välj en av de fyra halvårsgrupperna.': 'Choose one of the four half-year groups.',
  'Ange ditt användarnamn.': 'Enter your user name.',
  'Användarnamnet är för långt.': 'The user name is too long.',
  'Ange ditt lösenord.': 'Enter your password.',
  'Lösenordet är för långt.': 'The password is too long.',
  'Ange ett lösenord.': 'Enter a password.',
  'Lösenordet måste vara minst ${} tecken långt.': 'The password must be at least {0} characters long.',
  'Lösenordet får vara högst 200 tecken långt.': 'The password may be at most 200 characters long.',
  'Ange ett användarnamn.': 'Enter a user name.',
  'Användarnamnet måste vara minst 3 tecken långt.': 'The user name must be at least 3 characters long.',
  'Användarnamnet får vara högst 60 tecken långt.': 'The user name may be at most 60 characters long.',
  'Användarnamnet får bara innehålla a–z, A–Z, siffror, punkt, bindestreck och understreck.':
    'The user name may only contain a–z, A–Z, digits, full stop, hyphen and underscore.',
  'Ange ett namn.': 'Enter a name.',
  // domain/password-rules.ts (the password policy: the server's and the admin screen's)
  'Lösenordet får inte bestå av ett och samma tecken.':
    'The password may not consist of one and the same character.',
  'Lösenordet får inte innehålla användarnamnet.': 'The password may not contain the user name.',
  'Lösenordet är för vanligt – det finns bland de lösenord som prövas först vid intrång. Välj ett annat.':
    'The password is too common – it is among the passwords tried first in a break-in. Choose another.',
  // domain/id.ts, domain/storable-text.ts (refusals of the trust boundary: ogiltigt_id, ogiltig_text)
  'Id:t har fel form. Det ska vara ett UUID med små bokstäver.':
    'The id has the wrong form. It must be a UUID in lower-case letters.',
  'Texten innehåller tecken som inte kan sparas (t.ex. ett nolltecken eller ett trasigt specialtecken). Skriv om texten.':
    'The text contains characters that cannot be saved (e.g. a null character or a broken special character). Rewrite the text.',
  'Namnet får vara högst 100 tecken långt.': 'The name may be at most 100 characters long.',
  'En halvårsrespondent måste ha en grupp.': 'A half-year respondent must have a group.',
  'Bara en halvårsrespondent har en grupp.': 'Only a half-year respondent has a group.',
  'En handläggare måste ha minst en enhet.': 'A case worker must have at least one unit.',
  'Ange om kontot är spärrat (true/false).': 'Say whether the account is blocked (true/false).',
  'Ingen ändring angavs.': 'No change was given.',
  'Ange enhetens namn.': 'Enter the unit’s name.',
  'Namnet får vara högst 120 tecken långt.': 'The name may be at most 120 characters long.',
  'Ange enhetens kod.': 'Enter the unit’s code.',
  'Koden ska vara 2–4 versaler (A–Ö), t.ex. NOR. Den inleder ärendenas koder.':
    'The code must be 2–4 capital letters (A–Ö), e.g. NOR. It starts the cases’ codes.',
  // domain/instrument/round.ts, domain/aggregation/periods.ts
  'Enheten finns inte.': 'The unit does not exist.',
  'För många enheter.': 'Too many units.',
  'En enhet är vald två gånger.': 'A unit is chosen twice.',
  'Ange ett halvår som ÅÅÅÅH1 eller ÅÅÅÅH2.': 'Give a half-year as YYYYH1 or YYYYH2.',
  'Ange en månad som ÅÅÅÅ-MM.': 'Give a month as YYYY-MM.',
  'Ange omgången som ÅÅÅÅH1 eller ÅÅÅÅH2, t.ex. 2026H2.': 'Give the round as YYYYH1 or YYYYH2, e.g. 2026H2.',
  'Formuläret är inget halvårsformulär.': 'The form is not a half-year form.',
  'Välj minst en enhet.': 'Choose at least one unit.',
  'Välj minst ett formulär.': 'Choose at least one form.',
  'Ett formulär är valt två gånger.': 'A form is chosen twice.',
  // domain/arende.ts, domain/guard.ts
  'Ange ett datum (ÅÅÅÅ-MM-DD).': 'Enter a date (YYYY-MM-DD).',
  'Ange ett heltal.': 'Enter a whole number.',
  'Antalet månader kan inte vara negativt.': 'The number of months cannot be negative.',
  'Högst ${} månader.': 'At most {0} months.',
  'De senaste 36 månaderna omfattar de senaste 12 – antalet kan inte vara mindre.':
    'The last 36 months include the last 12 – the number cannot be smaller.',
  'Högst 24 av månaderna kan ligga före de senaste 12.':
    'At most 24 of the months can lie before the last 12.',
  'Situationer vid sjukdom anges bara när hindret är sjukdom.':
    'Situations when ill are only given when the obstacle is illness.',
  'En part är angiven två gånger.': 'A party is given twice.',
  'Ange avslutsdatum för ett avslutat ärende.': 'Enter a closing date for a closed case.',
  'Ange avslutsorsak för ett avslutat ärende.': 'Enter a reason for closing for a closed case.',
  'Ett aktivt ärende har inget avslutsdatum eller avslutsorsak.':
    'An active case has no closing date or reason for closing.',
  'Avslutsdatum kan inte ligga före startdatum.': 'The closing date cannot be before the start date.',
  // The guard's: {0} is "Fältet <label>" or "Texten" (EN_VALUES), {2} "det" or "dem".
  '${} får vara högst ${} tecken.': '{0} may be at most {1} characters.',
  '${} innehåller något som ser ut som ${}. Fältsam får inte lagra uppgifter som kan identifiera en deltagare – ta bort ${} och spara igen.':
    '{0} contains something that looks like {1}. Fältsam may not store details that could identify a participant – remove {2} and save again.',
  // domain/atgard.ts, domain/mote.ts, domain/overlamning.ts, domain/samtycke.ts
  'Beskriv vad som ska göras.': 'Describe what is to be done.',
  'Ange vilken roll som ansvarar.': 'Give the responsible role.',
  'Ange en roll.': 'Give a role.',
  'Högst 30 deltagare per möte.': 'At most 30 attendees per meeting.',
  'Nästa möte kan inte ligga före det här mötet.': 'The next meeting cannot be before this meeting.',
  'Deltagaren står med bland mötesdeltagarna men är markerad som inte närvarande.':
    'The participant is listed among the attendees but marked as not present.',
  'Välj den handläggare som tar över ärendet.': 'Choose the case worker who takes over the case.',
  'Välj en annan handläggare än den som har ärendet nu.':
    'Choose a case worker other than the one who has the case now.',
  'Ett samtycke kan inte återkallas före det datum det gavs.':
    'A consent cannot be withdrawn before the date it was given.',
  'Ange vilka parter sekretessen upphävs mot.': 'Give the parties confidentiality is lifted towards.',
  // domain/instrument/response.ts, domain/instrument/scale.ts, domain/stegforflyttning.ts
  'Svaret hör till en annan version av enkäten.': 'The answer belongs to another version of the survey.',
  'Ett inskickat svar kan inte ändras.': 'A sent answer cannot be changed.',
  'Påståendet ${} ingår inte i det här formuläret.': 'Statement {0} is not part of this form.',
  'Gruppen stämmer inte med formuläret.': 'The group does not match the form.',
  'Svaret måste vara ett heltal från 1 till 5.': 'The answer must be a whole number from 1 to 5.',
  'Ange ett helt antal månader.': 'Enter a whole number of months.',
  'Minst 1 månad.': 'At least 1 month.',
  'Högst 12 månader.': 'At most 12 months.',
  'Ange ett värde 1–5.': 'Enter a value 1–5.',
  // domain/konsultation.ts
  'Ange bara år och månad (ÅÅÅÅ-MM), aldrig en dag – så att ärendet inte kan kännas igen.':
    'Give only year and month (YYYY-MM), never a day – so that the case cannot be recognised.',
  'Fältet ${} innehåller något som liknar en ärendekod (tecken ${}–${}). Ärenden i konsultationsteamet ska vara avidentifierade – ta bort koden och spara igen.':
    'The field {0} contains something like a case code (characters {1}–{2}). Cases in the consultation team must be de-identified – remove the code and save again.',
  'Välj minst en part som var med på mötet.': 'Choose at least one party that attended the meeting.',
  'Varje part kan bara vara med en gång.': 'Each party can only be listed once.',
  'Beskriv ärendet kort, utan uppgifter som kan identifiera personen.':
    'Describe the case briefly, without details that could identify the person.',
  'Skriv frågan som ställdes till teamet.': 'Write the question put to the team.',
  'Välj vad ärendet ledde till.': 'Choose what the case led to.',
  'Uppföljningen kan inte ligga före månaden ärendet blev aktuellt.':
    'The follow-up cannot be before the month the case became current.',
  'Åldersgruppen ${} kan inte anges: förbundet har ${} i den åldersgruppen, ${}':
    'The age group {0} cannot be given: the association has {1} in that age group, {2}',
  '${} kan inte anges: där finns ${}, ${}': '{0} cannot be given: there are {1}, {2}',
  'Åldersgruppen ${} och ${} kan inte anges tillsammans: där finns ${} i den åldersgruppen, ${}':
    'The age group {0} and {1} cannot be given together: there are {2} in that age group, {3}',
  // domain/sip.ts
  'Högst 50 insatser per plan.': 'At most 50 interventions per plan.',
  'Punkt 1: Ange att deltagaren har behov av insatser från både socialtjänsten och hälso- och sjukvården.':
    'Item 1: State that the participant needs support from both social services and health care.',
  'Punkt 2: Ange vem som har bedömt att planen behövs – kommunen, regionen eller båda.':
    'Item 2: State who assessed that the plan is needed – the municipality, the region or both.',
  'Punkt 3: Det finns inget gällande samtycke från deltagaren till SIP. Registrera samtycket först.':
    'Item 3: There is no valid consent from the participant to a SIP. Record the consent first.',
  'Punkt 4: Ange datum då behovet uppmärksammades och datum då arbetet med planen startade.':
    'Item 4: Give the date the need was noticed and the date work on the plan started.',
  'Punkt 5: Ange om deltagaren medverkade när planen upprättades – och om inte, varför.':
    'Item 5: State whether the participant took part when the plan was drawn up – and if not, why.',
  'Punkt 6: Ange om närstående erbjöds att delta i arbetet med planen.':
    'Item 6: State whether next of kin were offered to take part in the work on the plan.',
  'Punkt 7: Ange vilka insatser som behövs.': 'Item 7: Give the interventions needed.',
  'Punkt 8: Ange minst en insats som regionen ska svara för.':
    'Item 8: Give at least one intervention the region is to be responsible for.',
  'Punkt 8: Ange minst en insats som kommunen ska svara för.':
    'Item 8: Give at least one intervention the municipality is to be responsible for.',
  'Punkt 8: Ange vilka insatser kommunen respektive regionen ska svara för.':
    'Item 8: Give the interventions the municipality and the region are each responsible for.',
  'Punkt 9: Ange vilka åtgärder som vidtas av någon annan än kommunen eller regionen, eller markera att det inte finns några.':
    'Item 9: Give the actions taken by anyone other than the municipality or the region, or mark that there are none.',
  'Punkt 10: Ange vem av huvudmännen – kommunen eller regionen – som har det övergripande ansvaret för planen.':
    'Item 10: State which principal – the municipality or the region – has the overall responsibility for the plan.',
  'Arbetet kan inte ha startat innan behovet uppmärksammades.':
    'Work cannot have started before the need was noticed.',
  'Planen har insatser från andra än kommunen och regionen, så markeringen "inga åtgärder av andra" stämmer inte.':
    'The plan has interventions from others than the municipality and the region, so the mark "no actions by others" is wrong.',
  'En punkt är bockad två gånger.': 'An item is ticked twice.',
  // domain/konsultation-stats.ts (the statistics tables' headings)
  'Närvarande parter': 'Parties present',
  'Antal ärenden': 'Number of cases',
  'Lyfta av ${}': 'Raised by {0}',
  'Möten närvarande': 'Meetings attended',
  'Ärenden lyfta': 'Cases raised',
  'Andel av ärendena (%)': 'Share of the cases (%)',
  'Antal möten': 'Number of meetings',
  'Ärenden från andra än socialtjänsten': 'Cases from others than social services',
  'Andel från andra än socialtjänsten (%)': 'Share from others than social services (%)',
  // domain/validation-error.ts, src/db
  'Uppgifterna är inte giltiga.': 'The details are not valid.',
  'Kunde inte skapa en ledig kod.': 'Could not create a free code.',
  'Ärendet finns inte på den här apparaten.': 'The case is not on this device.',
  'Åtgärden finns inte på den här apparaten.': 'The action is not on this device.',
  'En åtgärds status kan bara flyttas framåt.': 'An action’s status can only move forward.',
  'Uppgiften finns inte på den här apparaten.': 'The record is not on this device.',
  'Posten finns inte längre på apparaten.': 'The record is no longer on this device.',
  'Apparatens uppgifter är låsta. Lås upp för att fortsätta.':
    'The data on this device is locked. Unlock to continue.',
  'Servern tog inte emot ändringen.': 'The server did not accept the change.',
  // src/sync
  'Din inloggning gäller inte längre. Logga in igen.': 'Your login is no longer valid. Log in again.',
  'Ingen anslutning till servern. Uppgifterna som visas är de som hämtades senast.':
    'No connection to the server. The figures shown are the ones last fetched.',
  'Servern svarade inte som väntat. Försök igen om en stund.':
    'The server did not answer as expected. Try again in a while.',
  'Logga in för att hämta uppgifterna.': 'Log in to fetch the figures.',
  'Det finns inga publicerade resultat ännu.': 'There are no published results yet.',
  'Apparaten har osynkade uppgifter från ${}. Den användaren behöver logga in och synka först.':
    'This device has unsynced details from {0}. That user needs to log in and sync first.',
  'Ingen anslutning – allt är sparat på apparaten och synkas när nätet är tillbaka.':
    'No connection – everything is saved on this device and syncs when the network is back.',
  'Servern kunde inte ta emot ändringarna just nu. Fältsam försöker igen automatiskt.':
    'The server could not accept the changes just now. Fältsam tries again automatically.',
  'Din inloggning har gått ut. Logga in igen för att synka – inget av det du sparat går förlorat.':
    'Your login has expired. Log in again to sync – nothing you saved is lost.',
  'Apparaten har inte plats att spara mer. Det som redan är sparat finns kvar. Frigör utrymme på apparaten och försök igen.':
    'This device has no room to save more. What is already saved is kept. Free up space on the device and try again.',
  'Ingen anslutning till servern.': 'No connection to the server.',
  'Synkningen kunde inte starta. Fältsam försöker igen automatiskt.':
    'Syncing could not start. Fältsam tries again automatically.',
  // sync/errors.ts, sync/engine.ts, sync/runner.ts (issue 15: a request's deadline, another tab's round)
  'Servern svarade inte inom 1 sekund.': 'The server did not answer within 1 second.',
  'Servern svarade inte inom ${} sekunder.': 'The server did not answer within {0} seconds.',
  'Allt är sparat på apparaten och Fältsam försöker igen automatiskt.':
    'Everything is saved on this device and Fältsam tries again automatically.',
  // The status shows the deadline's sentence and the engine's together.
  'Servern svarade inte inom 1 sekund. Allt är sparat på apparaten och Fältsam försöker igen automatiskt.':
    'The server did not answer within 1 second. Everything is saved on this device and Fältsam tries again automatically.',
  'Servern svarade inte inom ${} sekunder. Allt är sparat på apparaten och Fältsam försöker igen automatiskt.':
    'The server did not answer within {0} seconds. Everything is saved on this device and Fältsam tries again automatically.',
  'Fältsam i en annan flik synkar och blev inte klar. Fältsam försöker igen automatiskt.':
    'Fältsam in another tab is syncing and has not finished. Fältsam tries again automatically.',
};

/**
 * Pieces of the values put into a template (the free-text guard's findings, domain/guard.ts
 * KIND_LABEL and guardMessage), replaced in this order.
 */
export const EN_FRAGMENTS: Record<string, string> = {
  'ett personnummer': 'a personal identity number',
  'ett samordningsnummer': 'a coordination number',
  'ett telefonnummer': 'a phone number',
  'en e-postadress': 'an e-mail address',
  '(tecken ': '(characters ',
  ') och ': ') and ',
  ' till': ' more', // "… och 40 till": the findings not listed
};

/** The free-text fields the guard names (domain: guardedText, deIdentifiedText), as their forms do. */
const FIELDS: Record<string, string> = {
  Anteckningar: 'Notes',
  Roll: 'Role',
  'Ansvarig (roll)': 'Responsible (role)',
  'Varför medverkade deltagaren inte': 'Why did the participant not take part',
  'Vad ska göras': 'What is to be done',
  Insats: 'Intervention',
  'Gemensam behovsbild': 'Shared picture of needs',
  'Samordnare eller koordinator': 'Coordinator (role or function)',
  'Ansvarig (roll eller funktion)': 'Responsible (role or function)',
  'Mål och progression': 'Goals and progress towards self-support',
  'Frågan till teamet': 'The question to the team',
  Uppföljning: 'Follow-up',
  'Avidentifierad sammanfattning': 'De-identified summary',
  'Råd och lösning': 'Advice and solution',
  'Anteckningar från mötet': 'Notes from the meeting',
};

/**
 * Whole values put into the device's templates: the guard's subject ("Fältet Anteckningar",
 * "Texten"), the fields alone (the case-code check names them so) and "det"/"dem".
 */
export const EN_VALUES: Record<string, string> = {
  Texten: 'The text',
  det: 'it',
  dem: 'them',
  ...FIELDS,
  ...Object.fromEntries(Object.entries(FIELDS).map(([sv, en]) => [`Fältet ${sv}`, `The field ${en}`])),
};
