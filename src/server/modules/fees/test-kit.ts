import { expect } from 'vitest';
import type { Database } from '../../db/client';

/**
 * Every fee account's running balance (`fee_accounts.balance_fen`, kept by the ledger's writer)
 * equals the sum of its entries. The fees API tests check it after each test, so after every
 * kind of write they make; returns how many accounts hold entries (a check over none proves nothing).
 */
export async function expectBalancesAreSums(database: Database): Promise<number> {
  const rows = await database.query<{ label: string; balance_fen: string | number; sum_fen: string | number | null }>(`
    select a.label, a.balance_fen, e.s as sum_fen from fee_accounts a
    left join (select account_id, sum(amount_fen) as s from fee_entries group by account_id) e on e.account_id = a.id`);
  const off = rows.filter((r) => Number(r.balance_fen) !== Number(r.sum_fen ?? 0)).map((r) => `${r.label}: balance ${r.balance_fen}, entries ${r.sum_fen ?? 0}`);
  expect(off).toEqual([]);
  return rows.filter((r) => r.sum_fen !== null).length;
}
