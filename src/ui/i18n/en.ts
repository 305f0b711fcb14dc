/**
 * The English core catalogue (sv.ts is the reference): typed by the Swedish one, so a key missing
 * here, or one Swedish lacks, fails the type check. Loaded on first use, never with the first
 * screen's code. Numbers as written in British English (1,000).
 */
import { lock } from './en-lock';
import { relogin } from './en-lock-change';
import { EN_FRAGMENTS, EN_MESSAGES, EN_VALUES } from './en-messages';
import { EN_SERVER_MESSAGES, EN_SERVER_VALUES } from './en-server-messages';
import type { Lang } from './locale';
import type { Messages } from './sv';

// One formatter for every count, made on first use: toLocaleString builds a new one per call.
let enCount: Intl.NumberFormat | undefined;
/** A count as written in English (1,000), for this catalogue and the area catalogues beside it. */
export function count(n: number): string {
  enCount ??= new Intl.NumberFormat('en-GB');
  return enCount.format(n);
}

export const en: Messages = {
  app: {
    name: 'Fältsam',
    skipLink: 'Skip to content',
    loading: 'Loading …',
    pageLoadFailed: 'The page could not be loaded. Reload the app and try again.',
    updateReady: 'A new version is available – update',
    updateButton: 'Update now',
    titleSuffix: 'Fältsam',
    openFailed:
      'Fältsam could not open the storage on this device. Close other tabs with Fältsam and try again.',
    otherLanguage: { name: 'Svenska', lang: 'sv' as Lang },
    languageFailed: 'The language could not be changed. Try again.',
    errorTitle: 'Something went wrong',
    errorText: 'The page could not be shown. Nothing is lost: everything you saved is still on this device.',
    errorHome: 'Go to the start page',
    notFoundTitle: 'Page not found',
    notFoundText:
      'This address does not lead to a page in Fältsam. Everything you saved is still on this device.',
  },
  firstLogin: {
    notice:
      'You have been given a temporary password. Choose your own password before you continue. It also becomes your unlock code on this device.',
    newPassword: 'New password',
    newPasswordHint: 'At least 12 characters.',
    repeat: 'Repeat the new password',
    submit: 'Change password and log in',
    mismatch: 'The passwords are not the same. Type the same new password twice.',
  },
  login: {
    title: 'Log in',
    intro: 'Log in with your Fältsam account. The first time on a device you need to be online.',
    username: 'User name',
    password: 'Password',
    submit: 'Log in',
    offline: 'No connection – you need to be online the first time you log in on this device',
    failed: 'Logging in failed. Try again.',
    again: (name: string) =>
      `Log in again as ${name}. What you saved on this device is kept and syncs once you have logged in.`,
  },
  header: {
    navLabel: 'Main menu',
    arenden: 'Cases',
    rounds: 'Half-year surveys',
    konsultation: 'Consultation team',
    gallring: 'Deletion (gallring)',
    admin: 'Administration',
    respondent: 'Half-year survey',
    results: 'Results',
    signedInAs: (name: string, forbund: string) => `Logged in: ${name}, ${forbund}`,
    logout: 'Log out',
    logoutDialogTitle: 'Log out?',
    logoutUnsynced: (n: number) =>
      n === 1
        ? 'One change could not be synced. If you log out now it is deleted from this device and lost.'
        : `${count(n)} changes could not be synced. If you log out now they are deleted from this device and lost.`,
    logoutConfirm: 'Log out anyway',
    logoutCancel: 'Stay logged in',
    loggedOut: 'You are logged out. The cases have been removed from this device and remain on the server.',
    logoutFailed: 'Logging out failed. Try again.',
  },
  sync: {
    regionLabel: 'Sync',
    pending: (n: number) => `Not synced: ${count(n)}`,
    lastSynced: 'Last synced:',
    neverSynced: 'Last synced: never',
    conflicts: (n: number) => `Conflicts to resolve: ${count(n)}`,
    syncNow: 'Sync now',
    syncing: 'Syncing …',
    done: 'Sync complete.',
    errorByKind: {
      network: 'No connection – saved on this device, syncs when the network is back',
      timeout: 'The server did not answer in time – saved on this device, syncs again shortly',
      server: 'Syncing failed. The changes are still on this device.',
      auth: 'Your login is no longer valid – it has expired or was ended by an administrator. Log in again to sync.',
      storage:
        'This device has no room to save more. What is already saved is kept – free up space and try again.',
    },
    loginAgain: 'Log in again',
    keptOnDevice: (n: number) =>
      n === 0
        ? 'Everything you saved is already synced.'
        : n === 1
          ? 'One change that is not synced is kept on this device and syncs once you have logged in.'
          : `${count(n)} changes that are not synced are kept on this device and sync once you have logged in.`,
    rejectedHeading: (n: number) => (n === 1 ? 'One change was refused' : `${count(n)} changes were refused`),
    rejectedLink: (code: string) => `Open case ${code}`,
    unknownRecord: 'unknown case',
    rejectedKonsultation: 'Open the consultation team meeting',
  },
  time: {
    justNow: 'just now',
    today: 'today',
    yesterday: 'yesterday',
  },
  list: {
    title: 'Cases',
    newArende: 'New case',
    filtersLabel: 'Search and filter',
    search: 'Search by code',
    searchHint: 'For example NOR-4K7P or part of the code.',
    status: 'Status',
    behovsgrupp: 'Needs group',
    retiredGroup: (label: string) => `${label} (retired)`,
    all: 'All',
    tableCaption: 'Cases on this device',
    colCode: 'Code',
    colStatus: 'Status',
    colBehovsgrupp: 'Needs group',
    colLangvarighet: 'Long-term',
    colSync: 'Sync',
    showing: (shown: number, total: number) => `Showing ${count(shown)} of ${count(total)} cases`,
    showMore: 'Show more',
    empty: 'No cases yet. Choose “New case” to add the first one.',
    noMatch: 'No cases match the search.',
    saved: (code: string) => `Case ${code} is saved on this device.`,
    noBehovsgrupp: '–',
    unknownLangvarighet: 'Unknown',
    notLangvarigt: 'No',
    vem: 'Show',
    mina: 'My cases',
    alla: 'All in my units',
    colAnsvarig: 'Responsible',
    colOverview: 'Case work',
    overviewLink: 'Overview',
    you: 'You',
  },
  person: {
    you: (name: string) => `${name} (you)`,
    colleague: 'A colleague',
  },
  badge: {
    langvarigt: 'Long-term',
    mycketLangvarigt: 'Very long-term',
    syncState: {
      synkad: 'Synced',
      ej_synkad: 'Not synced',
      avvisad: 'Refused',
    },
  },
  enums: {
    status: { aktiv: 'Active', avslutad: 'Closed' },
  },
  lock,
  relogin,
  sourceMessages: { ...EN_MESSAGES, ...EN_SERVER_MESSAGES },
  sourceFragments: EN_FRAGMENTS,
  sourceValues: { ...EN_VALUES, ...EN_SERVER_VALUES },
};
