/** Root-relative file -> root-relative import targets it may still reach (see boundary-debt.js). */
export declare const boundaryDebt: Record<string, string[]>;
