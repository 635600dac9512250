import { z } from 'zod';
import { LOCALES } from './languages';

// The constants live in ./languages (no zod), so the web app's shell can use them cheaply.
export { DEFAULT_LOCALE, LOCALES, pickLocale, type Locale } from './languages';

/** One of the product's languages, in request and response bodies. */
export const localeSchema = z.enum(LOCALES);
