import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** Repository root. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Scratch space for server data and logs (git-ignored). */
export const TMP_DIR = path.join(ROOT, 'e2e', '.tmp');
/** Screenshots every browser test saves for a person to look at (git-ignored). */
export const SCREENSHOT_DIR = path.join(ROOT, 'e2e', 'screenshots');
/** The development outbox file of the server under test (see WUYE_DEV_OUTBOX_FILE): texts in full. */
export const DEV_OUTBOX_FILE = path.join(TMP_DIR, 'outbox.jsonl');
