/**
 * A calendar date as the app stores it (ÅÅÅÅ-MM-DD). In a module of its own so that schemas on
 * the first screen (överlämning's colleague list) do not load the ärende schema and its free-text
 * guard with it.
 */
import { z } from './zod';

export const IsoDate = z.iso.date({ message: 'Ange ett datum (ÅÅÅÅ-MM-DD).' });
