import type { Locale } from '../../common/languages';
import type { Messages } from './messages';
import { ZH_CN_MESSAGES } from './messages';
import { enUS } from './messages-en-US';

/**
 * Every catalogue of the shell at once, for tests that compare the languages. The web app loads
 * one language at a time (`loadMessages`); do not import this file from it.
 */
export const MESSAGES: Record<Locale, Messages> = { 'zh-CN': ZH_CN_MESSAGES, 'en-US': enUS };
